"""sitemap.xml: every public page, in every language it has been translated into.

Django's i18n sitemap renders each (page, language) pair with hreflang alternates; a page
counts as existing in a language when its title is translated into it. Public views that are
not Wagtail pages (help, each country's help, editions, ready-made packs) are listed by
``ViewSitemap`` the same way. ``x-default`` is the default language's URL (``/en/…``), as in
every page's head, not Django's unprefixed URL (a redirect).
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from wagtail.models import Page, Site

from sitecontent.routing import under_unpublished
from translations.languages import LANGUAGE_CODES
from translations.status import available_languages


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


class PageSitemap(DefaultLanguageXDefault, Sitemap):
    i18n = True
    alternates = True
    languages = list(LANGUAGE_CODES)

    def __init__(self, request=None):
        self.request = request

    def items(self):
        site = (
            Site.find_for_request(self.request) if self.request else Site.objects.filter(is_default_site=True).first()
        )
        if site is None:
            return Page.objects.none()
        pages = Page.objects.descendant_of(site.root_page, inclusive=True)
        # Base Page rows carry every translated title and url_path; no specific() needed.
        # Pages below an unpublished page are not served (sitecontent.routing): left out.
        return pages.live().public().exclude(under_unpublished()).defer_streamfields().order_by("path")

    def get_languages_for_item(self, item):
        return available_languages(item, "title")

    def location(self, item):
        return item.get_url(request=self.request, current_site=None)

    def lastmod(self, item):
        return item.last_published_at


class ViewSitemap(DefaultLanguageXDefault, Sitemap):
    """Public pages that are views, not Wagtail pages: help (and each country's), editions,
    ready-made packs. Interface pages exist in every language; an edition or a pack in the
    languages its own text is written in."""

    i18n = True
    alternates = True
    languages = list(LANGUAGE_CODES)

    def items(self):
        from campaign.editions.models import Edition
        from campaign.helplines.models import CountryHelp
        from campaign.packs.models import CuratedPack

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
