"""Through a real Varnish (deploy/varnish/default.vcl) in front of a real gunicorn.

Anonymous pages are hits from the second request on, in every language, whatever site
cookie the visitor has; after each kind of change every affected URL in every language is
fresh within a second; forms, the admin and signed-in visitors never come from the cache.
"""

from __future__ import annotations

import datetime
import os
import time

import pytest
from django.utils import timezone, translation

from tests.factories import build_site_tree, translated
from tests.services.harness import _test_database_url
from tests.traffic.stack import AppServer, Varnish, fetch
from translations.core.languages import LANGUAGE_CODES

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

FRESH_WITHIN = 1.0  # seconds


@pytest.fixture
def app_server(transactional_db):
    """A fresh gunicorn per test: each transactional test recreates the content types (new
    ids), which a long-lived server would still hold in its in-process ContentType cache."""
    from django.conf import settings

    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="sid.settings.test",
        DATABASE_URL=_test_database_url(),
        REDIS_URL=settings.REDIS_URL,
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
    )
    server = AppServer(env).start()
    yield server
    server.stop()


@pytest.fixture
def varnish(app_server, settings):
    cache = Varnish(app_server.port).start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {"BACKEND": "sid.purging.HTTPBackend", "LOCATION": f"http://127.0.0.1:{cache.port}"}
    }
    yield cache
    cache.stop()


@pytest.fixture
def tree(varnish):
    tree = build_site_tree()
    # The site is reached through Varnish: page URLs (and so purges) name its address.
    tree.site.hostname = "127.0.0.1"
    tree.site.port = varnish.port
    tree.site.save()
    return tree


def url_in(page, language: str) -> str:
    with translation.override(language):
        return page.url


def warm(port: int, paths) -> None:
    """Fetch each path twice: the second answer must come from the cache."""
    for path in paths:
        first = fetch(port, path)
        assert first.status == 200, (path, first.status)
        second = fetch(port, path)
        assert second.cache == "HIT", (path, second.headers)


def fresh(port: int, path: str, check, within: float = FRESH_WITHIN):
    """Wait up to ``within`` seconds for ``check(answer)`` to hold; return the answer."""
    deadline = time.monotonic() + within
    while True:
        answer = fetch(port, path)
        if check(answer):
            return answer
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} still stale after {within}s: {answer.status} {answer.cache}")
        time.sleep(0.05)


def test_second_request_is_a_hit_in_every_language(tree, varnish):
    region = tree.regions["eu"]
    paths = [url_in(page, code) for code in LANGUAGE_CODES for page in (tree.home, region)]
    assert len(set(paths)) == 2 * len(LANGUAGE_CODES)
    warm(varnish.port, paths)
    for path in paths:
        answer = fetch(varnish.port, path)
        assert answer.cache == "HIT"
        assert not answer.cookies, (path, answer.cookies)
        assert "public" in answer.headers["cache-control"]
        assert "cookie" not in answer.headers.get("vary", "").lower()
    # Site cookies (remembered country, language, a CSRF token from a form) change nothing.
    cookie = "sid_help_country=BE; sid_language=de; csrftoken=abcdefghijklmnopqrstuvwxyz123456"
    answer = fetch(varnish.port, "/fr/", headers={"Cookie": cookie})
    assert answer.cache == "HIT" and not answer.cookies


def test_forms_admin_and_sessions_never_come_from_the_cache(tree, varnish):
    from tests.stories.factories import add_story_sections, submit_url

    sections = add_story_sections(tree)
    form = submit_url(sections["eu"])
    for path in (form, "/admin/login/"):
        first, second = fetch(varnish.port, path), fetch(varnish.port, path)
        assert first.status == second.status == 200, path
        assert second.cache == "MISS", path
        assert any(cookie.startswith("csrftoken=") for cookie in second.cookies), path
        assert "no-store" in second.headers["cache-control"]
    # A signed-in editor's request passes the cache, even for a page anonymous visitors hit.
    warm(varnish.port, ["/en/"])
    editor = fetch(varnish.port, "/en/", headers={"Cookie": "sessionid=not-a-real-session"})
    assert editor.cache == "MISS" and editor.status == 200


def test_publish_is_fresh_in_every_language_on_the_page_and_its_listings(tree, varnish):
    guide = tree.pages["eu"]
    guide.show_in_menus = True  # the region page lists its sections (pages shown in menus)
    guide.save_revision().publish()
    region = tree.regions["eu"]
    languages = ["en", "fr", "de", "es"]
    guide = translated(guide, {code: {"title": f"Guide {code}", "slug": f"guide-{code}"} for code in languages})
    page_paths = [url_in(guide, code) for code in languages]
    listing_paths = [url_in(region, code) for code in languages]
    assert len(set(page_paths)) == len(languages)  # translated slugs, not one path per prefix
    warm(varnish.port, page_paths + listing_paths + [p + "?any=query" for p in listing_paths])

    translated(guide, {code: {"title": f"Nouveau {code}"} for code in languages})
    for code, path, listing in zip(languages, page_paths, listing_paths, strict=True):
        fresh(varnish.port, path, lambda a, code=code: f"Nouveau {code}" in a.text)
        fresh(varnish.port, listing, lambda a, code=code: f"Nouveau {code}" in a.text)
        # A purge of a path covers its query strings.
        fresh(varnish.port, listing + "?any=query", lambda a, code=code: f"Nouveau {code}" in a.text)


def test_unpublish_is_fresh_everywhere(tree, varnish):
    guide = translated(tree.pages["eu"], {"fr": {"title": "Le guide", "slug": "le-guide"}})
    paths = [url_in(guide, "en"), url_in(guide, "fr")]
    listings = [url_in(tree.regions["eu"], "en"), url_in(tree.regions["eu"], "fr")]
    warm(varnish.port, paths + listings)
    guide.unpublish()
    for path in paths:
        fresh(varnish.port, path, lambda a: a.status == 404)
    for listing, title in zip(listings, ["Europe guide", "Le guide"], strict=True):
        fresh(varnish.port, listing, lambda a, title=title: a.status == 200 and title not in a.text)


def test_story_withdrawal_and_hiding_are_fresh(tree, varnish):
    from campaign.stories import pipeline
    from campaign.stories.models import StoryPage, Submission
    from tests.stories.factories import add_story_sections

    sections = add_story_sections(tree)
    index = sections["eu"]

    def story(slug, title):
        page = StoryPage(
            title=title, slug=slug, pen_name="Fox", age_band="16_17", country="BE", language="en", body="A story."
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return StoryPage.objects.get(pk=page.pk)

    withdrawn, hidden = story("withdrawn", "Story to withdraw"), story("hidden", "Story to hide")
    submission = Submission.objects.create(
        index=index,
        region=tree.regions["eu"],
        page=withdrawn,
        age_band="16_17",
        country="BE",
        language="en",
        status=Submission.Status.PUBLISHED,
        status_token_hash="x" * 64,
    )
    paths = {code: (url_in(index, code), url_in(withdrawn, code), url_in(hidden, code)) for code in ("en", "es")}
    warm(varnish.port, [path for triple in paths.values() for path in triple])

    pipeline.withdraw(submission)
    pipeline.hide_for_review(hidden)
    for listing, withdrawn_path, hidden_path in paths.values():
        fresh(varnish.port, withdrawn_path, lambda a: a.status == 404)
        fresh(varnish.port, hidden_path, lambda a: a.status == 404)
        fresh(varnish.port, listing, lambda a: "Story to withdraw" not in a.text and "Story to hide" not in a.text)


def test_library_change_is_fresh_in_region_and_global_libraries(tree, varnish):
    from tests.library.factories import library, resource

    global_library = library(tree.home, "All material", slug="library")
    eu_library = library(tree.regions["eu"], "Library", slug="library")
    paths = [
        url_in(global_library, "en"),
        url_in(global_library, "fr") + "?audience=teachers",
        url_in(eu_library, "en"),
        url_in(eu_library, "de"),
    ]
    warm(varnish.port, paths)
    resource(
        eu_library,
        {"en": {"title": "Brand new lesson", "summary": "New."}, "fr": {"title": "Nouvelle leçon", "summary": "Neuf."}},
    )
    for path in paths:
        fresh(varnish.port, path, lambda a: "Brand new lesson" in a.text or "Nouvelle leçon" in a.text)


def test_event_change_is_fresh_in_calendars_and_feeds(tree, varnish):
    from tests.events.factories import EventCalendarPageFactory, local, make_event

    calendar = EventCalendarPageFactory(parent=tree.regions["eu"], title="Events", slug="events")
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=10), datetime.UTC)
    base = url_in(calendar, "en")
    paths = [base, base + "feed/", f"{base}month/{start.year}/{start.month}/", url_in(calendar, "fr")]
    warm(varnish.port, paths)
    make_event(
        calendar,
        title="Fresh workshop",
        start=local(start.year, start.month, start.day, 10),
        end=local(start.year, start.month, start.day, 12),
    )
    for path in paths:
        fresh(varnish.port, path, lambda a: "Fresh workshop" in a.text)


def test_edition_change_is_fresh_on_the_home_page(tree, varnish):
    from campaign.editions.models import Edition

    year = timezone.now().year + 1
    edition = Edition.objects.create(year=year, theme="Together for a better internet")
    paths = [url_in(tree.home, code) for code in ("en", "fr", "ar")] + [f"/{code}/editions/" for code in ("en", "fr")]
    warm(varnish.port, paths)
    edition.theme = "A brand new theme"
    edition.save()
    for path in paths:
        fresh(varnish.port, path, lambda a: "A brand new theme" in a.text)


def test_a_view_restriction_is_fresh_in_every_process_and_through_the_cache(tree, varnish, app_server):
    """Added, it asks for a password from the next request on, in both application servers
    (the restricted sections are in Redis, not in a process) and through Varnish (purged);
    lifted, the page is public again everywhere."""
    from wagtail.models import PageViewRestriction

    other = AppServer(app_server.env, workers=1).start()
    try:
        page = tree.pages["eu"]
        paths = [url_in(page, "en"), url_in(page, "fr")]
        servers = [app_server.port, other.port]

        def password_asked(port, path):
            answer = fetch(port, path)
            assert answer.status == 200, (port, path, answer.status)
            return 'name="password"' in answer.text

        warm(varnish.port, paths)
        assert not any(password_asked(port, path) for port in servers for path in paths)
        restriction = PageViewRestriction.objects.create(
            page=page,
            restriction_type=PageViewRestriction.PASSWORD,
            password="letmein",  # noqa: S106
        )
        assert all(password_asked(port, path) for port in servers for path in paths)
        for path in paths:
            fresh(varnish.port, path, lambda a: 'name="password"' in a.text)
        restriction.delete()
        assert not any(password_asked(port, path) for port in servers for path in paths)
        for path in paths:
            fresh(varnish.port, path, lambda a: a.status == 200 and 'name="password"' not in a.text)
    finally:
        other.stop()


def test_purge_only_from_the_application_hosts(tree, varnish):
    # The ACL allows 127.0.0.1 (the application in this test); the check itself is Varnish's.
    warm(varnish.port, ["/en/"])
    answer = fetch(varnish.port, "/en/", method="PURGE")
    assert answer.status == 200
    assert fetch(varnish.port, "/en/").cache == "MISS"
    assert "acl purgers" in varnish.vcl() and "client.ip ~ purgers" in varnish.vcl()
