"""Which pages are private: the sections under a page view restriction, from the shared cache.

A site has a handful of restricted pages, if any, and every page served asks whether one of
them is above it. Their tree paths are kept in Django's cache (``sid.shared_values``: Redis
in production, shared by every process) and read again after any change that can alter
them: a restriction saved or deleted, a page moved, an alias created (receivers in
``sitecontent.signals``). A page under none of them has no restriction, known without a
query; a page under one gets its restrictions from the database, exactly as Wagtail finds
them (``SidPage.get_view_restrictions``).
"""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Q
from wagtail.models import Page, PageViewRestriction

from sid.shared_values import SharedValue

VIEW_RESTRICTIONS = SharedValue("view-restrictions")


class RestrictedSections(NamedTuple):
    #: Tree paths of the pages that have a view restriction (with their descendants: the
    #: private pages, as Wagtail's ``PageQuerySet.private_q`` matches them).
    pages: tuple[str, ...]
    #: Tree paths of the aliases of those pages: Wagtail applies a page's restrictions to
    #: its aliases and their descendants too.
    aliases: tuple[str, ...]


def _read() -> RestrictedSections:
    restricted = dict(PageViewRestriction.objects.values_list("page_id", "page__path"))
    aliases = Page.objects.filter(alias_of_id__in=list(restricted)).values_list("path", flat=True) if restricted else []
    return RestrictedSections(tuple(sorted(set(restricted.values()))), tuple(sorted(aliases)))


def restricted_sections() -> RestrictedSections:
    """The restricted sections, from the cache (one query when it has to read them again)."""
    return VIEW_RESTRICTIONS.get(_read)


def may_be_restricted(page: Page) -> bool:
    """Whether a view restriction may apply to ``page``: it is in a restricted section."""
    sections = restricted_sections()
    return any(page.path.startswith(path) for path in (*sections.pages, *sections.aliases))


def private_pages() -> Q:
    """A Q matching private pages: those with a view restriction and their descendants (what
    Wagtail's ``PageQuerySet.private_q`` matches, without its query when the cache has them).
    Listings exclude them with ``.exclude(private_pages())`` as ``.public()`` would."""
    condition = Q(pk__in=[])
    for path in restricted_sections().pages:
        condition |= Q(path__startswith=path, depth__gte=len(path) // Page.steplen)
    return condition
