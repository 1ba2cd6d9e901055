"""The safety flags of a story, shown at the top of Wagtail's page editor for moderators."""

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


def submission_of(page):
    """The story's Submission (Submission.page's reverse side: the panel, declared on the model,
    does not import it), or None for a page not saved yet or written without one."""
    if not (page and page.pk):
        return None
    try:
        return page.submission
    except ObjectDoesNotExist:
        return None


class SafetyFlagsPanel(Panel):
    """What the scan found in the story under review, with a link to the full review."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Safety flags"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "stories/admin/safety_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.submission = submission_of(self.instance)

        def is_shown(self):
            return self.submission is not None and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            submission = self.submission
            context.update(
                submission=submission,
                findings=submission.findings or [],
                text_flags=submission.text_flags or [],
                review_url=reverse("stories_admin:review", args=[submission.pk]),  # redirects to the queue's review
            )
            return context
