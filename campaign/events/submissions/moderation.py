"""Partner events in the region's moderation queue (campaign.moderation.queue): their rows.

The intake, the partner's edits and the review panel keep a submission's row current here;
how the queue's review screen shows and decides one is ``queue_adapter.EventAdapter``.
"""

from __future__ import annotations

from campaign.moderation import queue
from campaign.moderation.models import Flag, ItemKind

from ..models import SubmissionStatus
from .review import address_check, likely_duplicates


def latest(page):
    """The event as its latest revision has it (what the moderator decides on)."""
    return page.get_latest_revision_as_object() if page.get_latest_revision() is not None else page


def sync_submission(submission, reopen: bool = False):
    waiting = submission.status == SubmissionStatus.IN_REVIEW or submission.changes_pending
    if submission.page_id is None or not waiting:
        queue.close(ItemKind.EVENT, submission.pk)
        return None
    event = latest(submission.page)
    flags = set()
    if address_check(event.address, event.country)["result"] == "other":
        flags.add(Flag.ADDRESS)
    if likely_duplicates(event, limit=1):
        flags.add(Flag.DUPLICATE)
    return queue.sync(
        ItemKind.EVENT,
        submission.pk,
        reopen=reopen,
        waiting_since=submission.created_at,
        region=submission.region,
        title=event.title,
        preview=queue.preview_of(event.description),
        search_text=queue.searchable(event.title, submission.organisation, event.description, event.venue),
        language=submission.language,
        country=str(event.country or ""),
        age_band="",
        flags=flags,
    )
