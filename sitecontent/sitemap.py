"""sitemap.xml: an index of sections (pages by id blocks, then ViewSitemap), every public page in
every language it has been translated into.

Django's i18n sitemap renders each (page, language) pair with hreflang alternates; a page
counts as existing in a language when its title is translated into it. Public views that are
not Wagtail pages (help, each country's help, editions, ready-made packs) are listed by
``ViewSitemap`` the same way. ``x-default`` is the default language's URL (``/en/…``), as in
every page's head, not Django's unprefixed URL (a redirect).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import F, Max
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from campaign.editions.models import Edition
from campaign.helplines.models import CountryHelp
from campaign.packs.models import CuratedPack
from sid.absolute import base_url
from sitecontent.routing import under_unpublished
from translations.core.availability import available_languages
from translations.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES


class DefaultLanguageXDefault:
    """x-default points at the default language's own URL, like the pages' hreflang links."""

    x_default = True

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for info in urls:
            default = next((a for a in info["alternates"] if a["lang_code"] == settings.LANGUAGE_CODE), None)
            for alternate in info["alternates"]:
                if alternate["lang_code"] == "x-default" and default is not None:
                    alternate["location"] = default["location"]
        return urls


class ViewSitemap(DefaultLanguageXDefault, Sitemap):
    """Public pages that are views, not Wagtail pages: help (and each country's), editions,
    ready-made packs. Interface pages exist in every language; an edition or a pack in the
    languages its own text is written in."""

    i18n = True
    alternates = True
    languages = list(LANGUAGE_CODES)

    def items(self):
        items = [
            (name, (), None) for name in ("helplines:index", "helplines:countries", "editions:archive", "packs:list")
        ]
        countries = CountryHelp.objects.order_by("country").values_list("country", flat=True)
        items += [("helplines:country", (str(code).lower(),), None) for code in countries]
        items += [
            ("editions:detail", (edition.year,), (edition, "theme")) for edition in Edition.objects.order_by("year")
        ]
        packs = CuratedPack.objects.filter(region__live=True).order_by("slug")
        items += [("packs:curated", (pack.slug,), (pack, "title")) for pack in packs]
        return items

    def get_languages_for_item(self, item):
        source = item[2]
        if source is None:
            return list(LANGUAGE_CODES)
        return available_languages(*source)

    def location(self, item):
        return reverse(item[0], args=item[1])


# -- the sitemap index and its sections ----------------------------------------------------
# /sitemap.xml is an index of sections; section n (/sitemaps/pages-<n>.xml) holds the public
# pages whose id falls in the n-th block of SID_SITEMAP_SECTION_PAGES ids, in every language
# each exists in (so at most SID_SITEMAP_SECTION_PAGES × languages URLs, within the protocol's
# 50,000). A section costs the same however large the site: an indexed id range, never a
# scan of every page, and nothing held in memory but its own pages. A page keeps its section
# for life (ids do not change), so a change purges one section (sid.purging).


def section_size() -> int:
    return settings.SID_SITEMAP_SECTION_PAGES


def section_of(page_id: int) -> int:
    return (page_id - 1) // section_size() + 1


def public_pages(site, model=Page):
    """Every page visitors can reach (live, public, not below an unpublished page).

    ``model`` narrows it to one page type with its own fields (the read API's endpoints).
    """
    pages = model.objects.descendant_of(site.root_page, inclusive=True)
    return pages.live().public().exclude(under_unpublished())


def sections(site) -> list[dict]:
    """The index: one entry per non-empty section with its latest change (one query)."""
    size = section_size()
    rows = (
        public_pages(site)
        .annotate(section=(F("id") - 1) / size + 1)
        .values("section")
        .annotate(lastmod=Max("last_published_at"))
        .order_by("section")
    )
    return [{"number": row["section"], "lastmod": row["lastmod"]} for row in rows] if site else []


def section_urls(site, number: int, request) -> list[dict]:
    """The URL entries of section ``number`` in the shape of Django's sitemap template."""
    if site is None or number < 1:
        return []
    size = section_size()
    pages = (
        public_pages(site)
        .filter(id__gt=(number - 1) * size, id__lte=number * size)
        .defer_streamfields()
        .order_by("path")
    )
    base = base_url()
    entries = []
    for page in pages:
        languages = available_languages(page, "title")
        locations = {}
        for code in languages:
            with translation.override(code):
                path = page.get_url(request=request, current_site=site)
            if path:
                locations[code] = path if path.startswith("http") else base + path
        if not locations:
            continue
        alternates = [{"lang_code": code, "location": location} for code, location in locations.items()]
        default = locations.get(DEFAULT_LANGUAGE) or next(iter(locations.values()))
        alternates.append({"lang_code": "x-default", "location": default})
        entries += [
            {"location": location, "lastmod": page.last_published_at, "alternates": alternates}
            for location in locations.values()
        ]
    return entries
