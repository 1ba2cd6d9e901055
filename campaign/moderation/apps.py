from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "campaign.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from .names import connect

        # Workflow and task names read in the admin's language (campaign.moderation.names).
        connect()
        # Wagtail labels the approve/reject dialog's comment field with gettext at import
        # time, so it reads English in every admin language: translate it when shown.
        from wagtail.forms import TaskStateCommentForm

        TaskStateCommentForm.base_fields["comment"].label = _("Comment")
