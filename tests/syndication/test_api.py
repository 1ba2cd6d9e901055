"""The read API against the pages it mirrors, in several languages; its bad input, CORS,
caching, purging and rate limit; the OpenAPI description; the embeds' headers and lists.

The independent source is the rendered page: the same items, in the same order, with the
same titles, and the same language marked where a text falls back (``{% inlang %}``).
"""

from __future__ import annotations

import datetime
import html
import json
import re
import zoneinfo

from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import translation
from openapi_spec_validator import validate

from campaign.editions.models import Edition
from sid.purging import page_urls
from syndication.api import api_router
from tests import replay
from tests.events.factories import EventCalendarPageFactory, make_event
from tests.factories import translated
from tests.help.factories import CountryHelpFactory, HelplineFactory, HotlineFactory
from tests.library import factories as lf
from translations.core.tooling import set_translations

LANGUAGES = ("en", "fr", "es", "ar")
BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
MARKER_RE = re.compile(r'<small class="lang-marker".*?</small>', re.S)


def titles_and_languages(page_html: str, container: str) -> list[tuple[str, str | None]]:
    """(title, lang of its text or None) of each item link inside ``container`` headings."""
    found = []
    for inner in re.findall(container + r"\s*<a [^>]*>(.*?)</a>", page_html, re.S):
        lang = re.match(r'\s*<span lang="([^"]+)"', inner)
        text = re.sub(r"<[^>]+>", "", MARKER_RE.sub("", inner))
        found.append((html.unescape(text).strip(), lang.group(1) if lang else None))
    return found


def api_titles(items, language) -> list[tuple[str, str | None]]:
    out = []
    for item in items:
        shown = item["meta"]["field_languages"].get("title")
        out.append((item["title"], shown if shown != language else None))
    return out


class APITestBase(TestCase):
    @classmethod
    def setUpTestData(cls):
        translation.activate("en")
        # Built once per test process, then replayed for each test class (tests/replay.py).
        cls.tree = replay.built("syndication_api_tree", cls.build_tree)

    @staticmethod
    def build_tree():
        tree = lf.build_library_tree()
        tree.global_calendar = EventCalendarPageFactory(parent=tree.home, title="Calendar", slug="calendar")
        tree.calendar = EventCalendarPageFactory(parent=tree.regions["eu"], title="Events", slug="events")
        tree.latam_calendar = EventCalendarPageFactory(parent=tree.regions["latam"], title="Agenda", slug="agenda")
        start = datetime.datetime(2027, 2, 9, 10, tzinfo=BRUSSELS)
        tree.events = []
        for number in range(6):
            event = make_event(
                tree.calendar,
                title=f"Workshop {number}",
                slug=f"workshop-{number}",
                start=start + datetime.timedelta(days=number),
                end=start + datetime.timedelta(days=number, hours=2),
                country="BE" if number % 2 else "FR",
                audience=["teachers"] if number % 3 == 0 else ["parents"],
                age_bands=["13-15"] if number < 3 else [],
            )
            tree.events.append(event)
        translated(tree.events[0], {"fr": {"title": "Atelier zéro"}, "ar": {"title": "ورشة صفر"}})
        tree.latam_event = make_event(
            tree.latam_calendar,
            title="Taller",
            slug="taller",
            time_zone="America/Mexico_City",
            start=datetime.datetime(2027, 2, 10, 9, tzinfo=zoneinfo.ZoneInfo("America/Mexico_City")),
            end=datetime.datetime(2027, 2, 10, 11, tzinfo=zoneinfo.ZoneInfo("America/Mexico_City")),
            country="MX",
        )
        make_event(  # in the past: not upcoming
            tree.calendar,
            title="Last year",
            slug="last-year",
            start=datetime.datetime(2025, 2, 11, 10, tzinfo=BRUSSELS),
            end=datetime.datetime(2025, 2, 11, 12, tzinfo=BRUSSELS),
        )
        for year, theme, french in ((2026, "Together for a better internet", "Ensemble"), (2027, "Smart and kind", "")):
            edition = Edition(year=year)
            set_translations(edition, {"en": {"theme": theme}, **({"fr": {"theme": french}} if french else {})})
            edition.save()
        entry = CountryHelpFactory(country="BE", centre_name="Child Focus")
        HelplineFactory(entry=entry, name="Awel")
        line = HelplineFactory(entry=entry, name="Teleonthaal")
        set_translations(line, {"fr": {"name": "Télé-Accueil"}})
        line.save()
        HotlineFactory(entry=entry, name="Child Focus hotline", report_url="https://report.example.org/")
        CountryHelpFactory(country="FR", centre_name="e-Enfance")
        return tree

    def setUp(self):
        translation.activate("en")
        cache.clear()

    def api(self, path, **params):
        response = self.client.get(path, params)
        self.assertEqual(response.status_code, 200, response.content[:500])
        return response.json()

    def page(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return response.content.decode()

    def url_of(self, page, language):
        with translation.override(language):
            return page.get_url(current_site=self.tree.site)


class MirrorTests(APITestBase):
    """Every endpoint, in several languages, against the page it mirrors."""

    def test_events_are_the_calendars_upcoming_list(self):
        cases = [
            (self.tree.global_calendar, {}),
            (self.tree.global_calendar, {"country": "BE"}),
            (self.tree.global_calendar, {"audience": "teachers"}),
            (self.tree.calendar, {"region": "eu"}),
            (self.tree.latam_calendar, {"region": "latam"}),
        ]
        for language in LANGUAGES:
            for calendar, params in cases:
                with self.subTest(language=language, calendar=calendar.slug, params=params):
                    filters = {k: v for k, v in params.items() if k != "region"}
                    query = "&".join(f"{k}={v}" for k, v in filters.items())
                    page_html = self.page(self.url_of(calendar, language) + (f"?{query}" if query else ""))
                    shown = titles_and_languages(page_html, r'<h3 class="card__title">')
                    data = self.api("/api/v2/events/", lang=language, limit=100, **params)
                    self.assertEqual(data["meta"]["total_count"], len(data["items"]))
                    self.assertEqual(api_titles(data["items"], language), shown)
                    self.assertTrue(shown)

    def test_an_event_in_detail_is_its_page(self):
        event = self.tree.events[0]
        for language in LANGUAGES:
            with self.subTest(language=language):
                item = self.api(f"/api/v2/events/{event.pk}/", lang=language)
                page_html = self.page(self.url_of(event, language))
                self.assertIn(html.escape(item["title"]), page_html)
                self.assertEqual(
                    item["meta"]["html_url"].split("testserver", 1)[-1].split("localhost", 1)[-1],
                    self.url_of(event, language),
                )
                expected = "en" if language in ("en", "es") else language
                self.assertEqual(item["meta"]["field_languages"]["title"], expected)

    def test_age_filter(self):
        data = self.api("/api/v2/events/", age="13-15")
        self.assertEqual([item["title"] for item in data["items"]], ["Workshop 0", "Workshop 1", "Workshop 2"])

    def test_resources_and_guides_are_the_librarys_list(self):
        formats = "&".join(f"format={code}" for code in ("lesson_plan", "poster", "video", "activity", "quiz"))
        cases = [
            ("resources", self.tree.global_library, {}, formats),
            ("guides", self.tree.global_library, {}, "format=guide"),
            ("resources", self.tree.global_library, {"topic": "grooming"}, formats + "&topic=grooming"),
            ("resources", self.tree.global_library, {"age": "13-15"}, formats + "&age=13-15"),
            ("resources", self.tree.libraries["eu"], {"region": "eu"}, formats),
            ("resources", self.tree.libraries["latam"], {"region": "latam"}, formats),
            ("resources", self.tree.global_library, {"format": "poster"}, "format=poster"),
        ]
        for language in LANGUAGES:
            for endpoint, library, params, query in cases:
                with self.subTest(language=language, endpoint=endpoint, params=params):
                    page_html = self.page(self.url_of(library, language) + "?" + query)
                    shown = titles_and_languages(page_html, r'<h3 class="card__title">')
                    data = self.api(f"/api/v2/{endpoint}/", lang=language, **params)
                    self.assertEqual(api_titles(data["items"], language), shown)
                    self.assertTrue(shown)

    def test_library_item_detail_marks_each_fields_language(self):
        resource = self.tree.fr_grooming
        item = self.api(f"/api/v2/resources/{resource.pk}/", lang="de")
        self.assertEqual(item["meta"]["field_languages"], {"title": "en", "summary": "en"})
        self.assertEqual(item["title"], "Spotting grooming")
        item = self.api(f"/api/v2/resources/{resource.pk}/", lang="fr")
        self.assertEqual(item["title"], "Repérer le pédopiégeage")
        self.assertEqual(item["meta"]["field_languages"], {"title": "fr", "summary": "fr"})
        self.assertEqual(item["topics"], [{"slug": "grooming", "name": "Pédopiégeage"}])
        self.assertEqual(item["languages"], ["en", "fr"])
        self.assertIn("body", item)

    def test_editions_are_the_archive(self):
        for language in LANGUAGES:
            with self.subTest(language=language):
                page_html = self.page(f"/{language}/editions/")
                data = self.api("/api/v2/editions/", lang=language)
                years = [int(year) for year in re.findall(r"editions/(\d{4})/", page_html)]
                self.assertEqual([item["year"] for item in data["items"]], years)
                for item in data["items"]:
                    shown = item["meta"]["field_languages"]["theme"]
                    attrs = f' lang="{shown}"' if shown != language else ""
                    self.assertRegex(page_html, rf"<p{attrs}[^>]*>{re.escape(html.escape(item['theme']))}")

    def test_help_is_the_countrys_help_page(self):
        for language in LANGUAGES:
            with self.subTest(language=language):
                data = self.api("/api/v2/help/", lang=language, country="BE")
                self.assertEqual(len(data["items"]), 1)
                entry = data["items"][0]
                page_html = self.page(f"/{language}/help/be/")
                names = [line["name"] for line in entry["helplines"]]
                self.assertEqual(len(names), 2)
                positions = [page_html.index(html.escape(name)) for name in names]
                self.assertEqual(positions, sorted(positions))
                self.assertIn("Child Focus hotline", page_html)
                self.assertEqual(entry["helplines"][1]["field_languages"]["name"], "fr" if language == "fr" else "en")
        region = self.api("/api/v2/help/", region="eu")
        self.assertEqual([item["country"] for item in region["items"]], ["BE", "FR"])


class BadInputTests(APITestBase):
    def test_refusals_are_clear_and_translated(self):
        cases = [
            ("/api/v2/events/", {"lang": "xx"}, "lang"),
            ("/api/v2/events/", {"lang": "fr", "country": "ZZ"}, "country"),
            ("/api/v2/events/", {"lang": "fr", "date_from": "2027-13-45"}, "date_from"),
            ("/api/v2/events/", {"lang": "fr", "age": "99"}, "age"),
            ("/api/v2/events/", {"lang": "fr", "region": "nowhere"}, "region"),
            ("/api/v2/resources/", {"lang": "fr", "topic": "nope"}, "topic"),
            ("/api/v2/guides/", {"lang": "fr", "color": "red"}, "color"),
            ("/api/v2/help/", {"lang": "fr", "region": "mars"}, "region"),
        ]
        for path, params, field in cases:
            with self.subTest(params=params):
                response = self.client.get(path, params)
                self.assertEqual(response.status_code, 400)
                body = response.json()
                self.assertIn(field, body["errors"])
                self.assertTrue(body["message"])
        for params in ({"limit": "1000"}, {"limit": "abc"}, {"offset": "-1"}, {"fields": "nope"}):
            with self.subTest(params=params):
                response = self.client.get("/api/v2/events/", params)
                self.assertEqual(response.status_code, 400)
                self.assertIn("message", response.json())
        for path in ("/api/v2/events/999999/", "/api/v2/help/999999/", f"/api/v2/guides/{self.tree.fr_grooming.pk}/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 404)
                self.assertTrue(response.json()["message"])
        # Wagtail's generic endpoints are not installed (the site's page 404, in English).
        self.assertEqual(self.client.get("/api/v2/pages/", follow=True).status_code, 404)

    def test_pagination_walks_every_item_once(self):
        whole = [item["id"] for item in self.api("/api/v2/events/", limit=100)["items"]]
        seen, url = [], "/api/v2/events/?limit=2"
        while url:
            data = self.client.get(url).json()
            seen += [item["id"] for item in data["items"]]
            url = data["meta"]["next"]
        self.assertEqual(seen, whole)
        self.assertEqual(len(whole), 7)


class HeadersTests(APITestBase):
    def test_cors_for_get_only_and_only_on_the_api(self):
        response = self.client.get("/api/v2/events/", HTTP_ORIGIN="https://national.example.org")
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        self.assertNotIn("Access-Control-Allow-Credentials", response)
        preflight = self.client.options(
            "/api/v2/events/",
            HTTP_ORIGIN="https://national.example.org",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        )
        allowed = {method.strip() for method in preflight["Access-Control-Allow-Methods"].split(",")}
        self.assertEqual(allowed, {"GET", "HEAD", "OPTIONS"})
        self.assertEqual(self.client.post("/api/v2/events/", HTTP_ORIGIN="https://x.example").status_code, 405)
        page = self.client.get("/en/calendar/", HTTP_ORIGIN="https://national.example.org")
        self.assertNotIn("Access-Control-Allow-Origin", page)

    def test_cached_like_the_pages_through_the_gate(self):
        response = self.client.get("/api/v2/events/", {"lang": "fr"})
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("s-maxage", response["Cache-Control"])
        self.assertEqual(response["Content-Language"], "fr")
        vary = response.get("Vary", "")
        self.assertNotIn("Cookie", vary)
        self.assertNotIn("Accept-Language", vary)
        self.assertFalse(response.cookies)
        again = self.client.get("/api/v2/events/", {"lang": "fr"}, HTTP_IF_NONE_MATCH=response["ETag"])
        self.assertEqual(again.status_code, 304)
        refused = self.client.get("/api/v2/events/", {"lang": "xx"})
        self.assertIn("no-store", refused["Cache-Control"])

    def test_changes_purge_the_api_and_the_embeds(self):
        event, resource = self.tree.events[1], self.tree.fr_grooming
        urls = page_urls(event)
        self.assertTrue(any(url.endswith("/api/v2/events/") for url in urls))
        self.assertTrue(any(url.endswith(f"/api/v2/events/{event.pk}/") for url in urls))
        self.assertTrue(any(url.endswith("/ar/embed/calendar/") for url in urls))
        urls = page_urls(resource)
        self.assertTrue(any(url.endswith(f"/api/v2/resources/{resource.pk}/") for url in urls))
        self.assertTrue(any(url.endswith("/ja/embed/library/") for url in urls))

    @override_settings(SID_API_RATE="3/m")
    def test_rate_limited_per_visitor(self):
        for _ in range(3):
            self.assertEqual(self.client.get("/api/v2/editions/", REMOTE_ADDR="192.0.2.7").status_code, 200)
        response = self.client.get("/api/v2/editions/", REMOTE_ADDR="192.0.2.7", HTTP_ACCEPT_LANGUAGE="fr")
        self.assertEqual(response.status_code, 429)
        self.assertIn("Retry-After", response)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertTrue(response.json()["message"])
        # Another visitor is not affected.
        self.assertEqual(self.client.get("/api/v2/editions/", REMOTE_ADDR="192.0.2.8").status_code, 200)
        # Behind our proxy, visitors are told apart by the address it saw (sid.clientip).
        with self.settings(SID_TRUSTED_PROXY_COUNT=1):
            behind = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.9"}
            for _ in range(3):
                self.assertEqual(self.client.get("/api/v2/editions/", **behind).status_code, 200)
            self.assertEqual(self.client.get("/api/v2/editions/", **behind).status_code, 429)
            other = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "198.51.100.10"}
            self.assertEqual(self.client.get("/api/v2/editions/", **other).status_code, 200)


class OpenAPITests(APITestBase):
    def test_description_is_valid_and_matches_the_api(self):
        response = self.client.get("/api/v2/openapi.json")
        self.assertEqual(response.status_code, 200)
        document = json.loads(response.content)
        validate(document)
        samples = {
            "region": "eu",
            "country": "BE",
            "date_from": "2027-02-01",
            "date_to": "2027-02-28",
            "topic": "grooming",
        }
        listed = 0
        for path, operations in document["paths"].items():
            parameters = operations["get"]["parameters"]
            if "{id}" in path:
                continue
            listed += 1
            self.assertEqual(self.client.get(path).status_code, 200, path)
            for parameter in parameters:
                if "$ref" in parameter:
                    continue
                schema = parameter["schema"]
                enum = schema.get("enum") or schema.get("items", {}).get("enum")
                value = enum[0] if enum else samples[parameter["name"]]
                with self.subTest(path=path, parameter=parameter["name"]):
                    self.assertEqual(self.client.get(path, {parameter["name"]: value}).status_code, 200)
            self.assertEqual(self.client.get(path, {"undocumented": "1"}).status_code, 400)
        # Every endpoint the router serves is described (an endpoint added later is counted too).
        self.assertEqual(listed, len(api_router._endpoints))


class EmbedTests(APITestBase):
    def test_framing_allowed_for_embeds_only_and_no_cookies(self):
        embeds = [
            "/fr/embed/calendar/?country=BE",
            "/ar/embed/library/?topic=grooming",
            "/en/embed/calendar/?region=eu",
        ]
        for url in embeds:
            with self.subTest(url=url):
                response = self.client.get(url, HTTP_COOKIE="sid_language=fr")
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("X-Frame-Options", response)
                policy = dict(
                    part.strip().split(" ", 1)
                    for part in response["Content-Security-Policy"].split(";")
                    if part.strip()
                )
                # The site's whole policy, with framing by any site the only difference.
                self.assertEqual(policy["frame-ancestors"], "*")
                self.assertIn("'self'", policy["default-src"])
                self.assertNotIn("unsafe-inline", policy.get("script-src", ""))
                self.assertFalse(response.cookies)
                self.assertIn("public", response["Cache-Control"])
        for url in ("/en/embed/", "/en/calendar/", "/en/library/", "/api/v2/events/", "/en/help/", "/embed.js"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response["X-Frame-Options"], "DENY")
                self.assertNotIn("frame-ancestors *", response.get("Content-Security-Policy", ""))

    def test_embeds_list_what_the_pages_list(self):
        for language in LANGUAGES:
            with self.subTest(language=language):
                calendar_page = self.page(self.url_of(self.tree.calendar, language))
                embed = self.page(f"/{language}/embed/calendar/?region=eu")
                self.assertIn(f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}"', embed)
                expected = titles_and_languages(calendar_page, r'<h3 class="card__title">')
                self.assertEqual(titles_and_languages(embed, r'<h2 class="embed__item-title">'), expected)
                library_page = self.page(self.url_of(self.tree.global_library, language) + "?topic=grooming")
                embed = self.page(f"/{language}/embed/library/?topic=grooming")
                expected = titles_and_languages(library_page, r'<h3 class="card__title">')
                self.assertEqual(titles_and_languages(embed, r'<h2 class="embed__item-title">'), expected)
        self.assertEqual(self.client.get("/en/embed/calendar/?region=nowhere").status_code, 404)

    def test_generator_gives_the_snippet_in_the_chosen_language(self):
        calendar_page = self.page(self.url_of(self.tree.calendar, "fr") + "?country=BE")
        link = re.search(r'href="(/fr/embed/\?[^"]+)"', calendar_page).group(1)
        generator = self.page(html.unescape(link) + "&language=es")
        snippet = html.unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", generator, re.S).group(1))
        self.assertIn('src="http://testserver/es/embed/calendar/?region=eu&amp;country=BE"', snippet)
        self.assertIn('<script src="http://testserver/embed.js" async></script>', snippet)
        self.assertEqual(self.client.get("/embed.js")["Content-Type"], "text/javascript; charset=utf-8")
        library_page = self.page(self.url_of(self.tree.global_library, "en") + "?topic=grooming")
        self.assertRegex(library_page, r'href="/en/embed/\?kind=library&amp;topic=grooming"')

    def test_admin_generator(self):
        self.assertEqual(self.client.get("/admin/embeds/").status_code, 302)
        self.client.force_login(self.tree.users["eu-coordinator"])
        response = self.client.get("/admin/embeds/", {"kind": "library", "topic": "grooming", "language": "fr"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("/fr/embed/library/?topic=grooming", response.content.decode())
