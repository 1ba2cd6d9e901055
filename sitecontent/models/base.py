"""The abstract page every platform page derives from.

It gives each page three things in one place: templates through the theme fallback, the
fallback chain of the region it belongs to while it is served, and its region.
"""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.text import camel_case_to_spaces
from wagtail.models import Page

from sitecontent.routing import ROUTED_ANCESTORS
from themes.loader import template_names
from translations.fallback import region_fallbacks

#: Regions are children of the global home page (its parent_page_types), itself under the root.
REGION_MIN_DEPTH = 3


class SidPage(Page):
    """Base for all pages. Subclasses are registered in translations/ (even with no fields)."""

    #: Template name under themes/<theme>/, defaults to "<app_label>/<snake_case_class>.html".
    template_name: str | None = None

    class Meta:
        abstract = True

    # -- permissions ----------------------------------------------------------------------
    def permissions_for_user(self, user):
        """Every admin path asks this tester (sitecontent.policy); Wagtail casts a plain
        Page to its specific class to call it."""
        from sitecontent.policy import page_permission_tester

        return page_permission_tester(user, self)

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
        routed = self.routed_ancestors()
        if routed is not None:
            return next((page for page in routed if isinstance(page, RegionPage)), None)
        step = self.steplen
        # A region sits under the global home (depth 2), so at depth 3 or deeper.
        ancestor_paths = [self.path[: step * depth] for depth in range(REGION_MIN_DEPTH, self.depth)]
        if not ancestor_paths:
            return None
        return RegionPage.objects.filter(path__in=ancestor_paths).first()

    def routed_ancestors(self):
        """The specific pages routing went through to reach this page, root first, or None.

        Only when they are this page's ancestors from the site's home (depth 2) down to its
        parent, without a gap; otherwise (preview, pages loaded any other way) None, and
        callers query as usual.
        """
        chain = self.__dict__.get(ROUTED_ANCESTORS)
        if not chain or len(chain) != self.depth - 2:
            return None
        step = self.steplen
        for depth, page in enumerate(chain, start=2):
            if page.depth != depth or page.path != self.path[: step * depth]:
                return None
        return chain

    def get_parent(self, update=False):
        routed = None if update else self.routed_ancestors()
        if routed:
            return routed[-1]
        return super().get_parent(update=update)

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
