"""Partner events in the region's moderation queue (campaign.moderation.queue)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from campaign.moderation import decisions, queue
from campaign.moderation.models import Flag, ItemKind

from .review import address_check, likely_duplicates


def _latest(page):
    return page.get_latest_revision_as_object() if page.get_latest_revision() is not None else page


def sync_submission(submission, reopen: bool = False):
    from ..models import SubmissionStatus

    waiting = submission.status == SubmissionStatus.IN_REVIEW or submission.changes_pending
    if submission.page_id is None or not waiting:
        queue.close(ItemKind.EVENT, submission.pk)
        return None
    event = _latest(submission.page)
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


class EventAdapter:
    kind = ItemKind.EVENT
    template = "events/admin/review_event.html"
    editable = False

    def load(self, item):
        from ..models import EventSubmission

        submission = EventSubmission.objects.select_related("page", "region").filter(pk=item.object_id).first()
        if submission is None or submission.page_id is None:
            return None
        return submission

    def page(self, submission):
        from ..models import EventPage

        return EventPage.objects.get(pk=submission.page_id)

    def allowed(self, submission, user) -> set[str]:
        from ..models import SubmissionStatus

        if submission.status != SubmissionStatus.IN_REVIEW and not submission.changes_pending:
            return set()
        return decisions.allowed_actions(self.page(submission), user)

    def context(self, submission, user) -> dict:
        page = self.page(submission)
        event = _latest(page)
        from .editing import pending_changes

        return {
            "submission": submission,
            "event": event,
            # A published event's partner edit: only what changed; the live version stays until approval.
            "changes": pending_changes(page) if submission.changes_pending else None,
            "address": address_check(event.address, event.country),
            "duplicates": likely_duplicates(event),
        }

    def approve(self, submission, user) -> None:
        with transaction.atomic():
            decisions.approve(self.page(submission), user)

    def reject(self, submission, user, reason: str) -> None:
        from .intake import reject

        if "reject" not in self.allowed(submission, user):
            raise PermissionDenied
        reject(submission, user, reason)
