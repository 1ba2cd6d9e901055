from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelplinesConfig(AppConfig):
    name = "campaign.helplines"
    label = "helplines"
    verbose_name = _("Helplines and hotlines")
