from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteContentConfig(AppConfig):
    name = "sitecontent"
    verbose_name = _("Site content")

    def ready(self):
        from sid.purging import connect_signals

        from . import signals  # noqa: F401
        from .routing import install_indexed_routing

        # wagtail-modeltranslation replaced Page.route on every registered page model with
        # one that loads all children; put the indexed lookup back (see routing.py).
        install_indexed_routing()
        # Purge the cache in front (Varnish, CDN) on every change (sid/purging.py).
        connect_signals()
