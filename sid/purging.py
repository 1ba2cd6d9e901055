"""Purge on every change: the one function that knows which URLs a change makes stale.

``page_urls(page)`` lists, in every language, the page itself and every page that shows it:
its ancestors (the region page, the library index, the calendar, the stories index and the
home page all list their descendants), the global library and calendar for library items
and events, the calendar views an event appears in (upcoming, its months, "on the day",
countries, the world map, the iCalendar feeds, the event's own ``.ics``), and the sitemap index with its
sections. ``help_urls``, ``edition_urls`` and ``library_urls`` do the same for snippets.

Every language: slugs are translated (``/fr/regions/europe/`` is ``/es/regiones/europa/``),
so each URL is computed under each language rather than by swapping the prefix, which is
all ``WAGTAILFRONTENDCACHE_LANGUAGES`` could do.

The purge itself goes through ``wagtail.contrib.frontend_cache`` (its backends, configured in
settings from the environment: Varnish, Cloudflare, CloudFront), after the transaction
commits: purged before the commit, the cache could fetch the old page again at once. URLs
gathered during one transaction are sent once. Wagtail's own frontend_cache app (which
purges only the active language's URL of the page itself) is deliberately not installed.

The Varnish configuration (``deploy/varnish/default.vcl``) treats a PURGE of a path as
covering its query strings too (a library with filters, a calendar for one country).
"""

from __future__ import annotations

import datetime
import logging
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.utils import translation
from wagtail import __version__ as wagtail_version
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend as WagtailHTTPBackend
from wagtail.contrib.frontend_cache.backends.http import PurgeRequest
from wagtail.contrib.frontend_cache.utils import get_backends, purge_urls_from_cache
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from campaign.events.models import EventCalendarPage, EventPage
from sitecontent.models import HomePage, LibraryItem, ResourceIndexPage
from sitecontent.sitemap import section_of
from translations.core.languages import LANGUAGE_CODES

logger = logging.getLogger(__name__)

#: Sub-URLs of routable pages that show the same content (never the forms: those are private).
CALENDAR_PATHS = ("", "month/", "on-the-day/", "on-the-day/feed/", "countries/", "map/", "feed/")
EVENT_PATHS = ("", "ics/")
#: An event is shown in the month grid of any zone: UTC-12 to UTC+14 around its dates.
ZONE_SPREAD = datetime.timedelta(hours=14)
MAX_EVENT_MONTHS = 24


class HTTPBackend(WagtailHTTPBackend):
    """Wagtail's HTTP (Varnish) backend with a timeout: a cache that does not answer must
    not hold an editor's publish for ever (Wagtail's waits without limit)."""

    def purge(self, url):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""]),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{wagtail_version}"},
        )
        try:
            urlopen(request, timeout=settings.SID_PURGE_TIMEOUT)  # noqa: S310 (scheme from settings)
        except HTTPError as error:
            logger.error("Could not purge %s: HTTP %s %s", url, error.code, error.reason)
        except (URLError, TimeoutError, OSError) as error:
            logger.error("Could not purge %s: %s", url, error)


# -- which URLs ----------------------------------------------------------------------------
def _site_root() -> str:
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site.root_url.rstrip("/") if site else settings.SITE_BASE_URL.rstrip("/")


def _in_every_language(page, subpaths=("",)) -> set[str]:
    urls = set()
    for code in LANGUAGE_CODES:
        with translation.override(code):
            base = page.get_full_url()
        if base:
            urls.update(base + subpath for subpath in subpaths)
    return urls


def _month_paths(event) -> list[str]:
    first = event.start - ZONE_SPREAD
    last = (event.end or event.start) + ZONE_SPREAD
    paths = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month) and len(paths) < 2 * MAX_EVENT_MONTHS:
        # The route accepts "2" and "02"; links use one, visitors may type the other.
        paths += [f"month/{year}/{month}/", f"month/{year}/{month:02d}/"]
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return paths


def _global_listings(page) -> list:
    """Listings under the home page that show this page from every region."""
    if isinstance(page, LibraryItem):
        model = ResourceIndexPage
    elif isinstance(page, EventPage):
        model = EventCalendarPage
    else:
        return []
    return [listing for listing in model.objects.live().filter(depth__lte=3) if listing.region is None]


def sitemap_urls(page_ids=()) -> set[str]:
    """The index and the sections holding these pages (a page keeps its section for life)."""
    root = _site_root()
    return {f"{root}/sitemap.xml"} | {f"{root}/sitemaps/pages-{section_of(pk)}.xml" for pk in page_ids}


#: The read API's endpoint (syndication.api) and the embed (syndication.embeds) showing each
#: page type: the listing path (a purge covers its query strings) and the item's detail.
API_ENDPOINTS = {"EventPage": "events", "ResourcePage": "resources", "GuidePage": "guides"}
EMBED_PATHS = {"EventPage": "embed/calendar/", "ResourcePage": "embed/library/", "GuidePage": "embed/library/"}


def api_urls(endpoint: str, pk: int | None = None) -> set[str]:
    """The read API's listing of ``endpoint`` (every ``?lang=`` and filter) and one item."""
    base = f"{_site_root()}/api/v2/{endpoint}/"
    return {base} | ({f"{base}{pk}/"} if pk is not None else set())


def syndication_urls(pages) -> set[str]:
    """The API listings and items, and the embeds (every language), that show ``pages``."""
    urls: set[str] = set()
    for item in pages:
        kind = type(item).__name__
        if kind in API_ENDPOINTS:
            urls |= api_urls(API_ENDPOINTS[kind], item.pk)
            urls |= _prefixed([EMBED_PATHS[kind]])
    return urls


def page_urls(page, *, with_descendants: bool = False) -> set[str]:
    """Every URL, in every language, that shows ``page`` (see the module docstring)."""
    page = page.specific_deferred if type(page) is Page else page
    affected = [page, *Page.objects.ancestor_of(page).filter(depth__gte=2).specific()]
    affected += _global_listings(page)
    descendants = list(Page.objects.descendant_of(page).live().specific()) if with_descendants else []
    affected += descendants
    months = _month_paths(page) if isinstance(page, EventPage) else []
    urls: set[str] = set()
    for item in affected:
        if isinstance(item, EventCalendarPage):
            urls |= _in_every_language(item, CALENDAR_PATHS + tuple(months))
        elif isinstance(item, EventPage):
            urls |= _in_every_language(item, EVENT_PATHS)
        else:
            urls |= _in_every_language(item)
    urls |= syndication_urls([page, *descendants])
    return urls | sitemap_urls([page.pk, *(item.pk for item in descendants)])


def _prefixed(paths) -> set[str]:
    root = _site_root()
    return {f"{root}/{code}/{path}" for code in LANGUAGE_CODES for path in paths}


def views_sitemap_urls() -> set[str]:
    """The sitemap's section of views (help by country, editions, ready-made packs)."""
    return {f"{_site_root()}/sitemaps/views.xml"}


def help_urls(country_code: str, pk: int | None = None) -> set[str]:
    urls = _prefixed(["help/", "help/countries/", f"help/{country_code.lower()}/"]) | views_sitemap_urls()
    return urls | api_urls("help", pk)


def edition_urls(year: int | None, pk: int | None = None) -> set[str]:
    urls = _prefixed(["editions/"] + ([f"editions/{year}/"] if year else [])) | views_sitemap_urls()
    urls |= api_urls("editions", pk)
    for home in HomePage.objects.all():
        urls |= _in_every_language(home)
    # The world map lists the editions and opens on the current one (campaign.reach).
    for calendar in EventCalendarPage.objects.live():
        urls |= _in_every_language(calendar, ("map/", "countries/"))
    return urls


def library_urls() -> set[str]:
    """Every library index (a topic's name or a curated pack appears in their facets)."""
    urls = _prefixed(["packs/", "embed/library/"]) | views_sitemap_urls()
    urls |= api_urls("resources") | api_urls("guides")  # topic names
    for index in ResourceIndexPage.objects.live().specific():
        urls |= _in_every_language(index)
    return urls


# -- sending, once per transaction, after commit -----------------------------------------
class _Batch:
    """The URLs one transaction made stale, sent when it commits."""

    def __init__(self, urls):
        self.urls = set(urls)

    def __call__(self):
        if self.urls:
            purge_urls_from_cache(sorted(self.urls))


def purge(urls) -> None:
    """Purge ``urls`` once the current transaction commits (at once outside one).

    Within a transaction, URLs join the batch already waiting for its commit. The batch is
    looked up among the connection's pending callbacks, not kept aside: a rolled-back
    savepoint drops its callbacks, and a batch kept elsewhere would then never be sent.
    """
    if not get_backends():
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        for _savepoints, callback, _robust in connection.run_on_commit:
            if isinstance(callback, _Batch):
                callback.urls.update(urls)
                return
    transaction.on_commit(_Batch(urls), robust=True)


def purge_page(page, *, with_descendants: bool = False) -> None:
    if get_backends():
        purge(page_urls(page, with_descendants=with_descendants))


# -- every kind of change ------------------------------------------------------------------
def _on_published(sender, instance, **kwargs):
    purge_page(instance)


def _on_unpublished(sender, instance, **kwargs):
    # Pages below an unpublished page are no longer served either (sitecontent.routing).
    purge_page(instance, with_descendants=True)


def _before_move(sender, instance, **kwargs):
    if get_backends() and instance.live:
        # The old URLs and the old parent's listings, computed while they still exist.
        purge(page_urls(instance, with_descendants=True))


def _after_move(sender, instance, **kwargs):
    if instance.live:
        purge_page(Page.objects.get(pk=instance.pk).specific, with_descendants=True)


def _before_delete(sender, instance, **kwargs):
    # A deleted subtree sends this for each of its pages: no need to list descendants.
    if get_backends() and instance.live:
        purge(page_urls(instance.specific_deferred))


def _on_restriction_change(sender, instance, **kwargs):
    # Made private or public again: the page, its subtree and every listing that shows them.
    page = Page.objects.filter(pk=instance.page_id).first() if get_backends() else None
    if page is not None and page.live:
        purge_page(page.specific_deferred, with_descendants=True)


def _on_help_change(sender, instance, **kwargs):
    if get_backends():
        purge(help_urls(str(instance.country), instance.pk))


def _on_edition_change(sender, instance, **kwargs):
    if get_backends():
        purge(edition_urls(getattr(instance, "year", None), instance.pk))


def _on_library_snippet_change(sender, instance, **kwargs):
    if get_backends():
        purge(library_urls())


def connect_signals() -> None:
    page_published.connect(_on_published, dispatch_uid="sid.purging.published")
    page_unpublished.connect(_on_unpublished, dispatch_uid="sid.purging.unpublished")
    pre_page_move.connect(_before_move, dispatch_uid="sid.purging.pre_move")
    post_page_move.connect(_after_move, dispatch_uid="sid.purging.post_move")
    pre_delete.connect(_before_delete, sender=Page, dispatch_uid="sid.purging.delete")
    for label, handler in (
        ("helplines.CountryHelp", _on_help_change),
        ("editions.Edition", _on_edition_change),
        ("sitecontent.Topic", _on_library_snippet_change),
        ("packs.CuratedPack", _on_library_snippet_change),
        ("wagtailcore.PageViewRestriction", _on_restriction_change),
    ):
        post_save.connect(handler, sender=label, dispatch_uid=f"sid.purging.save.{label}")
        post_delete.connect(handler, sender=label, dispatch_uid=f"sid.purging.delete.{label}")
