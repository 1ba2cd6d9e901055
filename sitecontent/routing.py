"""Route to a child page in one indexed query, whatever the number of siblings.

wagtail-modeltranslation patches ``route`` on every registered page model with a version
that loads ``self.get_children()`` and compares each child's translated slug in Python, so a
story under an index of 10,000 siblings loaded 10,000 rows (docs/stack-notes.md). Here the child is
found by the active language's slug column, following the same fallback chain that
modeltranslation uses to display the slug: a child matches when the first non-empty slug
along the chain equals the URL component.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, get_page_models
from wagtail.url_routing import RouteResult

from translations.core.languages import DEFAULT_LANGUAGE

#: Attribute set on a page found by routing: the specific pages routed through to reach it.
ROUTED_ANCESTORS = "_sid_routed_ancestors"


def child_slug_condition(slug: str, language: str | None = None) -> Q:
    """A Q matching pages whose displayed slug in ``language`` is ``slug``."""
    chain = list(resolution_order(language or get_language() or DEFAULT_LANGUAGE))
    if DEFAULT_LANGUAGE not in chain:
        chain.append(DEFAULT_LANGUAGE)
    condition = Q()
    earlier_empty = Q()
    for code in chain:
        column = build_localized_fieldname("slug", code)
        condition |= earlier_empty & Q(**{column: slug})
        earlier_empty &= Q(**{f"{column}__isnull": True}) | Q(**{column: ""})
    # The untranslated column holds the source language's slug (translations.core.source): a
    # page written only in Spanish is found by its Spanish slug in every language. Callers
    # filter with ``rewrite(False)`` so that ``slug`` means that column.
    condition |= earlier_empty & Q(slug=slug)
    return condition


def under_unpublished() -> Q:
    """A Q matching pages below an unpublished page, which routing does not serve.

    Listings, feeds and the sitemap exclude them with ``.exclude(under_unpublished())``.
    One query for the paths of unpublished pages that have children (a handful: sections
    unpublished without their subpages, drafts with children), none when there are none.
    """
    condition = Q(pk__in=[])
    for path in Page.objects.filter(live=False, numchild__gt=0).values_list("path", flat=True):
        condition |= Q(path__startswith=path, depth__gt=len(path) // Page.steplen)
    return condition


def find_specific_child(parent: Page, slug: str) -> Page | None:
    """The child whose slug (in any language) is ``slug``, as its specific model, in two queries.

    The first query reads only the id and content type: selecting the whole page row (every
    language's title, slug, url_path… about eighty columns) only to look up the specific
    row next cost more in SQL compilation than the lookup itself. Reading the row joined to
    the own table of every type the parent allows, in one query, cost more still (3.8–4.4 ms
    against 2.3 ms for these two on SQLite: compiling and building the wide row dominate).
    """
    found = (
        Page.objects.child_of(parent)
        .rewrite(False)  # the last resort is the untranslated column itself, not the active language's
        .filter(child_slug_condition(slug))
        .order_by("path")
        .values_list("pk", "content_type_id")
        .first()
    )
    if found is None:
        return None
    pk, content_type_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class() or Page
    return model._default_manager.get(pk=pk)


def indexed_route(self, request, path_components):
    if isinstance(self, RoutablePageMixin) and self.live:
        path = "/" + ("/".join(path_components) + "/" if path_components else "")
        try:
            view, args, kwargs = self.resolve_subpage(path)
            return RouteResult(self, args=(view, args, kwargs))
        except Http404:
            pass

    if path_components:
        # Nothing below an unpublished page is public: unpublishing a section (stories,
        # library, calendar) without its subpages, or publishing a page under a draft
        # parent, must not leave its pages reachable by URL.
        if not self.live:
            raise Http404
        child = find_specific_child(self, path_components[0])
        if child is None:
            raise Http404
        # The pages routed through, root first: the page served finds its region and its
        # parent among them instead of loading them again (SidPage.routed_ancestors).
        child.__dict__[ROUTED_ANCESTORS] = (*self.__dict__.get(ROUTED_ANCESTORS, ()), self)
        return child.route(request, path_components[1:])
    if self.live:
        return RouteResult(self)
    raise Http404


def install_indexed_routing() -> None:
    """Give every page model the indexed ``route``.

    The modeltranslation patch overwrites ``route`` even where a class defines its own, so a
    page model that needs custom routing defines ``sid_route`` instead; it is installed here.
    """

    Page.route = indexed_route
    for model in get_page_models():
        model.route = getattr(model, "sid_route", indexed_route)
