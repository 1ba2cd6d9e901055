"""The purge function: which URLs a change makes stale, and when they are sent.

A small HTTP server stands in for the cache's PURGE endpoint and records what arrives (the
Varnish suite, test_varnish.py, shows the same purges making real cached pages fresh).
"""

from __future__ import annotations

import datetime
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import transaction
from django.utils import translation

from sid.purging import page_urls, purge
from tests.events.factories import EventCalendarPageFactory, local, make_event
from tests.factories import build_site_tree, translated
from tests.library.factories import library, resource
from translations.core.languages import LANGUAGE_CODES

pytestmark = pytest.mark.django_db(transaction=True)


class PurgeRecorder(BaseHTTPRequestHandler):
    received: list[str]

    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.received.append(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def cache_endpoint(settings):
    handler = type("Recorder", (PurgeRecorder,), {"received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "sid.purging.HTTPBackend", "LOCATION": f"http://127.0.0.1:{server.server_port}"}
    }
    yield handler.received
    server.shutdown()
    server.server_close()


@pytest.fixture
def tree():
    from tests.factories import ensure_wagtail_root

    ensure_wagtail_root()
    tree = build_site_tree()
    tree.site.hostname = "sid.example"
    tree.site.port = 80
    tree.site.save()
    return tree


def in_language(page, code):
    with translation.override(code):
        return page.get_full_url()


def test_a_library_item_names_itself_its_listings_and_the_global_library_in_every_language(tree):
    global_library = library(tree.home, "All material", slug="library")
    eu_library = library(tree.regions["eu"], "Library", slug="library", translations={"de": {"slug": "bibliothek"}})
    item = resource(
        eu_library,
        {"en": {"title": "Spotting grooming", "summary": "How."}, "fr": {"title": "Repérer", "summary": "Comment."}},
        slug="spotting",
    )
    translated(item, {"fr": {"slug": "reperer"}})
    urls = page_urls(item)
    for code in LANGUAGE_CODES:
        for page in (item, eu_library, global_library, tree.regions["eu"], tree.home):
            assert in_language(page, code) in urls, (code, page)
    assert "http://sid.example/fr/europe/library/reperer/" in urls  # the French slug, not /fr/…/spotting/
    assert "http://sid.example/de/europa/bibliothek/spotting/" in urls
    assert "http://sid.example/sitemap.xml" in urls
    assert any(url.startswith("http://sid.example/sitemaps/pages-") for url in urls)
    # Another region's pages are not touched.
    assert not any("/latin-america/" in url or "/america-latina/" in url for url in urls)


def test_an_event_names_its_calendars_views_months_and_feeds(tree):
    calendar = EventCalendarPageFactory(parent=tree.regions["eu"], title="Events", slug="events")
    calendar.save_revision().publish()
    global_calendar = EventCalendarPageFactory(parent=tree.home, title="Calendar", slug="calendar")
    global_calendar.save_revision().publish()
    event = make_event(calendar, title="Workshop", start=local(2027, 2, 28, 22), end=local(2027, 3, 1, 1))
    urls = page_urls(event)
    for base in (in_language(calendar, "fr"), in_language(global_calendar, "en")):
        for path in ("", "feed/", "on-the-day/", "on-the-day/feed/", "countries/", "map/", "month/"):
            assert base + path in urls
        assert base + "month/2027/2/" in urls and base + "month/2027/03/" in urls
    assert in_language(event, "es") + "ics/" in urls


def test_purges_are_sent_after_commit_once_and_survive_a_rolled_back_savepoint(tree, cache_endpoint):
    page = tree.pages["eu"]
    cache_endpoint.clear()
    with transaction.atomic():
        purge(["http://sid.example/en/one/"])
        try:
            with transaction.atomic():
                purge(["http://sid.example/en/two/"])
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        purge(["http://sid.example/en/one/", "http://sid.example/en/three/"])
        assert cache_endpoint == []  # nothing before the commit
    # "two" joined the outer transaction's batch: purging it anyway costs nothing.
    assert sorted(cache_endpoint) == sorted(f"http://sid.example/en/{name}/" for name in ("one", "two", "three"))
    assert len(cache_endpoint) == len(set(cache_endpoint))
    # A savepoint rolled back before the first purge of a transaction loses nothing later.
    cache_endpoint.clear()
    with transaction.atomic():
        try:
            with transaction.atomic():
                purge(["http://sid.example/en/lost/"])
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        page.save_revision().publish()
    assert in_language(page, "en") in cache_endpoint and in_language(page, "fr") in cache_endpoint
    # Outside a transaction: sent at once.
    cache_endpoint.clear()
    purge(["http://sid.example/en/now/"])
    assert cache_endpoint == ["http://sid.example/en/now/"]


def test_unpublish_delete_and_snippet_changes_purge(tree, cache_endpoint):
    from campaign.editions.models import Edition
    from campaign.helplines.models import CountryHelp

    page = tree.pages["eu"]
    fr_url = in_language(page, "fr")
    cache_endpoint.clear()
    page.unpublish()
    assert fr_url in cache_endpoint and in_language(tree.regions["eu"], "de") in cache_endpoint
    cache_endpoint.clear()
    region = tree.regions["latam"]
    region_urls = {in_language(region, code) for code in ("es", "pt")}
    region.delete()
    assert region_urls <= set(cache_endpoint)
    cache_endpoint.clear()
    CountryHelp.objects.create(country="BE")
    assert {f"http://sid.example/{code}/help/be/" for code in LANGUAGE_CODES} <= set(cache_endpoint)
    cache_endpoint.clear()
    Edition.objects.create(year=datetime.date.today().year + 1, theme="Together")
    assert in_language(tree.home, "ar") in cache_endpoint
    assert f"http://sid.example/en/editions/{datetime.date.today().year + 1}/" in cache_endpoint


def test_a_view_restriction_added_or_lifted_purges_the_page_its_subtree_and_listings(tree, cache_endpoint):
    from wagtail.models import PageViewRestriction

    from tests.factories import StandardPageFactory

    region = tree.regions["eu"]
    inner = StandardPageFactory(parent=tree.pages["eu"], title="Inner", slug="inner")
    expected = {in_language(page, code) for page in (tree.pages["eu"], inner, region) for code in ("en", "fr")}
    cache_endpoint.clear()
    restriction = PageViewRestriction.objects.create(page=tree.pages["eu"], restriction_type=PageViewRestriction.LOGIN)
    assert expected <= set(cache_endpoint)
    cache_endpoint.clear()
    restriction.delete()
    assert expected <= set(cache_endpoint)
