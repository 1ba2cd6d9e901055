from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelplinesConfig(AppConfig):
    name = "campaign.helplines"
    label = "helplines"
    verbose_name = _("Helplines and hotlines")

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import checks  # noqa: F401  (registers the deploy check)
        from .models import CountryHelp
        from .permissions import RegionCountryPermissionPolicy

        # Every admin view, menu item and button asks this policy (region scoping).
        register_permission_policy(CountryHelp, RegionCountryPermissionPolicy(CountryHelp))
