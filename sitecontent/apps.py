from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteContentConfig(AppConfig):
    name = "sitecontent"
    verbose_name = _("Site content")

    def ready(self):
        from sid.purging import connect_signals

        from . import (
            signals,  # noqa: F401
            views,  # noqa: F401 (registers the library page's listing, sitecontent.page_views)
        )
        from .routing import install_indexed_routing

        # wagtail-modeltranslation replaced Page.route on every registered page model with
        # one that loads all children; put the indexed lookup back (see routing.py).
        install_indexed_routing()

        from translations.core.source import (
            install_source_fallback,
            register_coordinated_language,
            relax_other_languages,
        )

        from .regions import coordinated_source_language

        # Also after wagtail-modeltranslation's patch: the source language of a page's region,
        # not English, is required; missing text falls back to the source (translations.core.source).
        relax_other_languages()
        install_source_fallback()
        # A new shared item (a topic, an edition) starts in the language its coordinator writes in.
        register_coordinated_language(coordinated_source_language)
        # Purge the cache in front (Varnish, CDN) on every change (sid/purging.py).
        connect_signals()

        # The one page permission policy (sitecontent.policy): registered for Page, it is
        # nearer than Wagtail's own (registered for AbstractPage) for every page model.
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from .policy import RegionPagePermissionPolicy

        register_permission_policy(Page, RegionPagePermissionPolicy(Page))
