"""The moderator's view of a partner submission, inside the event's edit page.

The panel reads the moderation services, which import the event model: the model does not
declare it, ``install()`` (called by ``EventsConfig.ready()``) puts it first in the event's
content panels.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from campaign.moderation.models import ItemKind, ModerationItem

from .models import EventPage, EventSubmission
from .submissions.moderation import sync_submission
from .submissions.review import address_check, likely_duplicates


def review_url_for(submission) -> str:
    item = ModerationItem.objects.filter(kind=ItemKind.EVENT, object_id=submission.pk).first()
    item = item or sync_submission(submission)
    if item is None:
        return reverse("events_reject_submission", args=[submission.pk])
    return reverse("moderation:review", args=[item.pk])


class SubmissionReviewPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "events/admin/submission_review_panel.html"

        def _submission(self):
            if not getattr(self.instance, "pk", None):
                return None
            return EventSubmission.objects.filter(page_id=self.instance.pk).first()

        @property
        def submission(self):
            if not hasattr(self, "_cached_submission"):
                self._cached_submission = self._submission()
            return self._cached_submission

        def is_shown(self):
            return self.submission is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            event = self.instance
            context.update(
                {
                    "submission": self.submission,
                    "duplicates": likely_duplicates(event),
                    "address": address_check(event.address, event.country),
                    "review_url": review_url_for(self.submission),
                }
            )
            return context


def install() -> None:
    """Open the event's editor with the review panel (once; Wagtail builds the editor later)."""
    if not any(isinstance(panel, SubmissionReviewPanel) for panel in EventPage.content_panels):
        EventPage.content_panels = [SubmissionReviewPanel(heading=_("Partner submission"))] + list(
            EventPage.content_panels
        )
        EventPage.get_edit_handler.cache_clear()
