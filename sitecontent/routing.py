"""Route to a child page in one indexed query, whatever the number of siblings.

wagtail-modeltranslation patches ``route`` on every registered page model with a version
that loads ``self.get_children()`` and compares each child's translated slug in Python, so a
story under an index of 10,000 siblings loaded 10,000 rows (docs/stack-notes.md). Here the child is
found by the active language's slug column, following the same fallback chain that
modeltranslation uses to display the slug: a child matches when the first non-empty slug
along the chain equals the URL component.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Case, IntegerField, Q, When
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site, get_page_models, sites
from wagtail.models.sites import MATCH_DEFAULT, MATCH_HOSTNAME, MATCH_HOSTNAME_DEFAULT, MATCH_HOSTNAME_PORT
from wagtail.url_routing import RouteResult

from translations.core.languages import DEFAULT_LANGUAGE

#: Attribute set on a page found by routing: the specific pages routed through to reach it.
ROUTED_ANCESTORS = "_sid_routed_ancestors"
#: Set on the page routing serves: whether a view restriction applies to it (on it, an
#: ancestor, or a page one of them is an alias of), known from the request's site lookup.
ROUTED_RESTRICTED = "_sid_routed_restricted"
#: The site lookup's annotation: every page that has a view restriction, as "id:path,…".
RESTRICTED_PAGES = "sid_restricted_pages"
#: Set on the page routing serves, with ``ROUTED_RESTRICTED``: {page id: tree path} of every
#: page that has a view restriction, for the listings it shows (``private_pages``).
ROUTED_RESTRICTIONS = "_sid_routed_restrictions"


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
            mark_restricted(self, request)
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
        mark_restricted(self, request)
        return RouteResult(self)
    raise Http404


def mark_restricted(page: Page, request) -> None:
    """Note on the page served whether a view restriction applies to it (``ROUTED_RESTRICTED``,
    read by ``SidPage.get_view_restrictions``), from the restricted pages the request's site
    lookup read: one on its tree path, or one that it or an ancestor is an alias of. Only
    when routing went through every ancestor below the root (so their aliases are known)."""
    site = getattr(request, "_wagtail_site", None)
    listed = getattr(site, RESTRICTED_PAGES, False)
    chain = (*page.__dict__.get(ROUTED_ANCESTORS, ()), page)
    if listed is False or page.depth < 2 or len(chain) != page.depth - 1:
        return
    restricted = {}
    for item in (listed or "").split(","):
        if item:
            pk, _sep, path = item.partition(":")
            restricted[int(pk)] = path
    page.__dict__[ROUTED_RESTRICTIONS] = restricted
    page.__dict__[ROUTED_RESTRICTED] = any(page.path.startswith(path) for path in restricted.values()) or any(
        ancestor.alias_of_id in restricted for ancestor in chain
    )


def private_pages(page: Page | None = None) -> Q:
    """A Q matching private pages: those with a view restriction and their descendants (what
    Wagtail's ``PageQuerySet.private_q`` matches). From the restricted pages the request's site
    lookup read when ``page`` is the page routing serves (no query), else one query; listings
    exclude them with ``.exclude(private_pages(page))`` as ``.public()`` would."""
    restricted = page.__dict__.get(ROUTED_RESTRICTIONS) if page is not None else None
    if restricted is None:
        return Page.objects.all().private_q()
    condition = Q(pk__in=[])
    for path in restricted.values():
        condition |= Q(path__startswith=path, depth__gte=len(path) // Page.steplen)
    return condition


def restricted_pages_sql() -> RawSQL:
    """A scalar subquery: every page that has a view restriction, as "id:path,id:path" (a
    handful on any site; NULL when there is none)."""
    quote = connection.ops.quote_name
    item = {
        "postgresql": "STRING_AGG(CAST(r.page_id AS TEXT) || ':' || p.path, ',')",
        "mysql": "GROUP_CONCAT(CONCAT(r.page_id, ':', p.path) SEPARATOR ',')",
    }.get(connection.vendor, "GROUP_CONCAT(r.page_id || ':' || p.path, ',')")
    restrictions, pages = quote(PageViewRestriction._meta.db_table), quote(Page._meta.db_table)
    # Table names from the models and no value from a request: nothing to inject.
    sql = f"SELECT {item} FROM {restrictions} r INNER JOIN {pages} p ON p.id = r.page_id"  # noqa: S608
    return RawSQL(sql, [])  # noqa: S611


def specific_links(models) -> dict[type, str]:
    """{page model: the ``select_related`` path from a ``Page`` row to the model's own row}.

    A page selected with these joins carries its specific object (Django fills it from the
    joined columns), so ``.specific`` needs no query of its own."""
    links = {}
    for model in models:
        path, current = [], model
        while current is not Page and current._meta.parents:
            parent, link = next(iter(current._meta.parents.items()))
            path.insert(0, link.remote_field.get_accessor_name())
            current = parent
        if current is Page and path:
            links[model] = "__".join(path)
    return links


def specific_from_join(page: Page, links: dict[type, str]) -> Page | None:
    """The specific object of ``page`` read with ``select_related(*links.values())``, with
    the page row's other attributes as Wagtail's ``specific`` copies them; None when its
    model was not joined."""
    model = ContentType.objects.get_for_id(page.content_type_id).model_class()
    if model is None or isinstance(page, model):
        return page
    if model not in links:
        return None
    specific = page
    for part in links[model].split("__"):
        specific = getattr(specific, part, None)  # a missing row reads as None
        if specific is None:
            return None
    for name, value in page.__dict__.items():
        specific.__dict__.setdefault(name, value)
    return specific


def site_setting_links() -> list[str]:
    """The ``select_related`` names from a ``Site`` to each site setting's row (one per site)."""
    return [
        model._meta.get_field("site").remote_field.get_accessor_name()
        for model in apps.get_models()
        if issubclass(model, BaseSiteSetting) and not model._meta.abstract
    ]


def get_site_for_hostname(hostname, port):
    """Wagtail's site lookup (``wagtail.models.sites.get_site_for_hostname``, same matching
    rules), reading in the same query the root page as its specific model, the site's
    settings (``BrandingSettings.for_site`` takes them from the site) and the pages that
    have a view restriction (``mark_restricted``). The site, its home page, its branding and
    the served page's view restrictions were four queries on every page served."""
    links = specific_links(Page.allowed_subpage_models())
    sites = list(
        Site.objects.annotate(
            match=Case(
                When(hostname=hostname, port=port, then=MATCH_HOSTNAME_PORT),
                When(hostname=hostname, is_default_site=True, then=MATCH_HOSTNAME_DEFAULT),
                When(is_default_site=True, then=MATCH_DEFAULT),
                default=MATCH_HOSTNAME,
                output_field=IntegerField(),
            ),
            **{RESTRICTED_PAGES: restricted_pages_sql()},
        )
        .filter(Q(hostname=hostname) | Q(is_default_site=True))
        .order_by("match")
        .select_related("root_page", *[f"root_page__{link}" for link in links.values()], *site_setting_links())
    )
    site = None
    if sites and (len(sites) == 1 or sites[0].match in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT)):
        site = sites[0]
    elif sites and sites[0].match == MATCH_DEFAULT:
        site = sites[len(sites) == 2]
    if site is None:
        raise Site.DoesNotExist()
    specific = specific_from_join(site.root_page, links)
    if specific is not None:
        site.root_page.__dict__["specific"] = specific  # Wagtail's cached ``specific``
    return site


def install_indexed_routing() -> None:
    """Give every page model the indexed ``route``, and Wagtail the one-query site lookup.

    The modeltranslation patch overwrites ``route`` even where a class defines its own, so a
    page model that needs custom routing defines ``sid_route`` instead; it is installed here.
    """

    Page.route = indexed_route
    for model in get_page_models():
        model.route = getattr(model, "sid_route", indexed_route)
    # ``Site.find_for_request`` looks this name up in its module when a request comes.
    sites.get_site_for_hostname = get_site_for_hostname
