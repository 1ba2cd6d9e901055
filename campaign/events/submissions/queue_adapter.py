"""A partner event as the moderation queue's review screen shows and decides it.

``campaign.moderation.queue`` finds this adapter by its dotted name (``queue.ADAPTERS``). It sits
above the intake and the editing services, whose next steps a decision runs; they keep the
queue row current through ``moderation.sync_submission`` below them.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from campaign.moderation import decisions
from campaign.moderation.models import ItemKind

from ..models import EventPage, EventSubmission, SubmissionStatus
from . import intake
from .editing import pending_changes
from .moderation import latest, sync_submission
from .review import address_check, likely_duplicates


class EventAdapter:
    kind = ItemKind.EVENT
    template = "events/admin/review_event.html"
    editable = False

    def rebuild(self) -> int:
        """Every partner event in review back in the queue; how many were synced."""
        submissions = EventSubmission.objects.filter(status=SubmissionStatus.IN_REVIEW).select_related("page")
        return sum(sync_submission(submission) is not None for submission in submissions)

    def load(self, item):
        submission = EventSubmission.objects.select_related("page", "region").filter(pk=item.object_id).first()
        if submission is None or submission.page_id is None:
            return None
        return submission

    def page(self, submission):
        return EventPage.objects.get(pk=submission.page_id)

    def allowed(self, submission, user) -> set[str]:
        if submission.status != SubmissionStatus.IN_REVIEW and not submission.changes_pending:
            return set()
        return decisions.allowed_actions(self.page(submission), user)

    def context(self, submission, user) -> dict:
        page = self.page(submission)
        event = latest(page)
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
        if "reject" not in self.allowed(submission, user):
            raise PermissionDenied
        intake.reject(submission, user, reason)
