"""The abstract page every platform page derives from.

It gives each page three things in one place: templates through the theme fallback, the
fallback chain of the region it belongs to while it is served, and its region.
"""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.text import camel_case_to_spaces
from wagtail.models import Page

from themes.loader import template_names
from translations.fallback import region_fallbacks


class SidPage(Page):
    """Base for all pages. Subclasses are registered in translations/ (even with no fields)."""

    #: Template name under themes/<theme>/, defaults to "<app_label>/<snake_case_class>.html".
    template_name: str | None = None

    class Meta:
        abstract = True

    # -- templates ------------------------------------------------------------------------
    def get_template(self, request, *args, **kwargs):
        snake = camel_case_to_spaces(type(self).__name__).replace(" ", "_")
        name = self.template_name or f"{self._meta.app_label}/{snake}.html"
        return template_names(name)

    # -- region ---------------------------------------------------------------------------
    @cached_property
    def region(self):
        """The RegionPage this page belongs to (itself for a region), or None.

        One indexed query on the ancestors' tree paths, derived from this page's own path.
        """
        from .region import RegionPage

        if isinstance(self, RegionPage):
            return self
        step = self.steplen
        ancestor_paths = [self.path[: step * depth] for depth in range(1, self.depth)]
        return RegionPage.objects.filter(path__in=ancestor_paths).first()

    def active_fallback_rules(self):
        region = self.region
        return region.parsed_fallback_rules() if region else None

    # -- serving --------------------------------------------------------------------------
    def _render_with_region_fallbacks(self, serve, request, *args, **kwargs):
        # A TemplateResponse renders lazily, after serve() returns; render it while the
        # region's fallback chain is active so every translated field reads that chain.
        with region_fallbacks(self.active_fallback_rules()):
            response = serve(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        return response

    def serve(self, request, *args, **kwargs):
        return self._render_with_region_fallbacks(super().serve, request, *args, **kwargs)

    def serve_preview(self, request, mode_name):
        return self._render_with_region_fallbacks(super().serve_preview, request, mode_name)
