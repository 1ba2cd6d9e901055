from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteContentConfig(AppConfig):
    name = "sitecontent"
    verbose_name = _("Site content")

    def ready(self):
        from . import signals  # noqa: F401
        from .routing import install_indexed_routing

        # wagtail-modeltranslation replaced Page.route on every registered page model with
        # one that loads all children; put the indexed lookup back (see routing.py).
        install_indexed_routing()

        # The one page permission policy (sitecontent.policy): registered for Page, it is
        # nearer than Wagtail's own (registered for AbstractPage) for every page model.
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from .policy import RegionPagePermissionPolicy

        register_permission_policy(Page, RegionPagePermissionPolicy(Page))
