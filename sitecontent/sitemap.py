"""sitemap.xml: every public page, in every language it has been translated into.

Django's i18n sitemap renders each (page, language) pair with hreflang alternates; a page
counts as existing in a language when its title is translated into it.
"""

from django.contrib.sitemaps import Sitemap
from wagtail.models import Page, Site

from sitecontent.routing import under_unpublished
from translations.languages import LANGUAGE_CODES
from translations.status import available_languages


class PageSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
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
