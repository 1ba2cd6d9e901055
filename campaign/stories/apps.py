from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "campaign.stories"
    label = "stories"
    verbose_name = _("Youth stories")

    def ready(self):
        from . import (
            signals,  # noqa: F401 (connects the receivers)
            views,  # noqa: F401 (registers the view the stories index's route calls)
        )
