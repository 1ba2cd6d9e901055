"""The abstract page every platform page derives from.

It gives each page three things in one place: templates through the theme fallback, the
fallback chain of the region it belongs to while it is served, and its region.
"""

from __future__ import annotations

from django.apps import apps
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.text import camel_case_to_spaces
from wagtail.models import Page, PageViewRestriction
from wagtail.permissions import policy_registry

from sitecontent.restrictions import may_be_restricted
from sitecontent.routing import ROUTED_ANCESTORS
from themes.loader import template_names
from translations.core.fallback import region_fallbacks
from translations.core.languages import DEFAULT_LANGUAGE
from translations.core.page_forms import SourceLanguagePageForm
from translations.core.source import meaningful_slug, source_language_of, writing_in

#: Regions are children of the global home page (its parent_page_types), itself under the root.
REGION_MIN_DEPTH = 3


class SidPage(Page):
    """Base for all pages. Subclasses are registered in translations/ (even with no fields)."""

    #: Template name under themes/<theme>/, defaults to "<app_label>/<snake_case_class>.html".
    template_name: str | None = None

    #: Requires the source language, not English (translations.core.source).
    base_form_class = SourceLanguagePageForm

    class Meta:
        abstract = True

    # -- permissions ----------------------------------------------------------------------
    def permissions_for_user(self, user):
        """Every admin path asks the tester of the one page policy (sitecontent.policy, registered
        for Page by SiteContentConfig.ready()); Wagtail casts a plain Page to its specific class
        to call it."""
        return policy_registry.get_by_type(Page).tester(user, self)

    def get_view_restrictions(self):
        """The view restrictions of this page and its ancestors, in one query.

        Wagtail loads the ancestors first (to resolve aliases), then their restrictions: two
        queries on every page served. The ancestors' tree paths are prefixes of this page's
        own, so one query finds the restrictions of those pages and of the pages any of them
        is an alias of (an alias has none of its own: its source's apply, as in Wagtail).
        A page in no restricted section (``sitecontent.restrictions``, from the cache) has
        none: no query."""
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
        sources = Page.objects.filter(path__in=paths, alias_of__isnull=False).values("alias_of_id")
        return PageViewRestriction.objects.filter(Q(page__path__in=paths) | Q(page_id__in=sources))

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
        # RegionPage derives from this class: found by name, as a ForeignKey names a model.
        RegionPage = apps.get_model("sitecontent", "RegionPage")  # noqa: N806
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
        """The region's chains; every other language falls back to the source, then English."""
        region = self.region
        if region is None:
            return None
        rules = dict(region.parsed_fallback_rules() or {})
        rules["default"] = tuple(dict.fromkeys((self.source_language, DEFAULT_LANGUAGE)))
        return rules

    # -- source language ------------------------------------------------------------------
    def own_source_language(self) -> str | None:
        """A page whose text has a language of its own (a story) returns it; others None."""
        return None

    @property
    def source_language(self) -> str:
        """The language this page is written in first (its region's; English outside regions)."""
        return source_language_of(self, self.__dict__.get("_sid_parent"))

    def _set_core_field_defaults(self):
        # Wagtail's own slug from the title drops dashes ("9–12 años" became "912-años"):
        # generate it here first, keeping them as hyphens. Only when no slug was typed.
        if not self.slug and (self.path or getattr(self, "_cached_parent_obj", None)):
            base_slug = meaningful_slug(self.title)
            if base_slug:
                self.slug = self._get_autogenerated_slug(base_slug)
        super()._set_core_field_defaults()

    def full_clean(self, *args, **kwargs):
        # Plain field names (title, slug) mean the source language's columns while validating:
        # a slug Wagtail generates from the title is the source language's slug.
        with writing_in(self.source_language):
            return super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        # The base columns, draft title and url_path are written from the source language,
        # never from the language the admin happens to run in.
        with writing_in(self.source_language):
            return super().save(*args, **kwargs)

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
