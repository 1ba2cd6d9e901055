from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    name = "campaign.reach"
    label = "reach"
    verbose_name = _("Campaign reach")

    def ready(self):
        from . import views  # noqa: F401 (registers the map the calendars' route calls)
