"""Hostile input never gets a 500: every public GET endpoint and every public form.

Each public URL (tests.security.twins gives a tree with every kind of page) is requested
with every query parameter the site reads set to each hostile value at once, in English and
Arabic; every public form is posted empty, with garbage, with oversized and hostile values
(tests/fixtures). Failures are collected, so one run lists every 500 there is.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import TestCase
from django.utils import translation

from campaign.events.timing import FIRST_YEAR, LAST_YEAR
from tests.fixtures import hostile_text, xss_payloads
from tests.texts import in_language

from .twins import build_twin_tree

#: Every query parameter a public view reads (grep request.GET), and the calendar filters.
PARAMETERS = (
    "page", "p", "q", "region", "pack", "language", "lang", "status", "sent", "new", "country", "audience",
    "format", "age", "topic", "date_from", "date_to", "month", "year", "date", "next",
)  # fmt: skip


def hostile_values() -> list[str]:
    cases = hostile_text.cases()
    xss = xss_payloads()
    return [
        "0001-01-01", "9999-12-31", "1900-02-29", "2026-1-1", "-1", "0", "abc", "99999999", "9" * 40, "1e9", "2026-13", "2026-02-30", "0000-00-00", "9999-99-99",
        "\x00", "a\x00b", "x" * 10_000, "../../etc/passwd", "xx", "ZZ", "..", "%", "%%", "[]", "{}",
        "\u202eevil", "ﷺ" * 50, "日本語", "🙂",
        *[case["text"][:5000] for case in cases[::2]],
        *xss[:4],
    ]  # fmt: skip


def raw_query(value: str, repeat: int = 1) -> str:
    """Every parameter set to ``value`` (``repeat`` times each), percent-encoded as sent."""
    pairs = [(name, value) for name in PARAMETERS for _ in range(repeat)]
    return urlencode(pairs, quote_via=quote)


class HostileInputTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_twin_tree()

    def setUp(self):
        translation.activate("en")
        cache.clear()
        self.client.raise_request_exception = False
        self.failures = []

    def path_of(self, page, language):
        with translation.override(language):
            return page.get_url(current_site=self.tree.site)

    def public_paths(self, language) -> list[str]:
        tree = self.tree
        pages = [
            tree.home, tree.regions["eu"], tree.pages["eu"], tree.libraries["eu"], tree.global_library,
            tree.fr_grooming, tree.guide, tree.calendar, tree.global_calendar, tree.live_event,
            tree.sections["eu"], tree.live_story,
        ]  # fmt: skip
        paths = [self.path_of(page, language) for page in pages]
        calendar = self.path_of(tree.calendar, language)
        event = self.path_of(tree.live_event, language)
        section = self.path_of(tree.sections["eu"], language)
        document = tree.fr_grooming.files.get(language="fr").document
        paths += [
            f"{calendar}month/", f"{calendar}month/2027/2/", f"{calendar}month/2027/13/", f"{calendar}month/0000/0/",
            f"{calendar}month/9999/99/", f"{calendar}month/9999/12/", f"{calendar}month/0001/1/",
            f"{calendar}month/0000/12/", f"{calendar}on-the-day/", f"{calendar}countries/", f"{calendar}feed/",
            f"{calendar}submit/", f"{event}ics/", f"{section}submit/",
            f"/{language}/packs/", f"/{language}/packs/no-such-pack/", f"/{language}/packs/builds/{'a' * 64}/",
            f"/{language}/packs/builds/{'a' * 64}/download/", f"/{language}/packs/builds/..%2F..%2Fetc/",
            f"/{language}/editions/", f"/{language}/editions/2027/", f"/{language}/editions/0/",
            f"/{language}/editions/99999999999999999999/",
            f"/{language}/help/", f"/{language}/help/countries/", f"/{language}/help/be/", f"/{language}/help/zz/",
            f"/{language}/help/choose/", f"/{language}/help/forget/",
            f"/{language}/stories/status/garbage/", f"/{language}/stories/status/{'x' * 500}/",
            f"/{language}/stories/status/garbage/withdraw/", f"/{language}/stories/consent/garbage/",
            f"/{language}/stories/report/{tree.live_story.pk}/", f"/{language}/stories/report/99999999/",
            f"/{language}/events/submissions/garbage/", f"/{language}/jsi18n/",
            "/sitemap.xml", "/robots.txt", document.url, f"/documents/{document.pk}/wrong-name.txt",
            "/documents/99999999/x.pdf", f"{settings.MEDIA_URL}..%2F..%2Fetc%2Fpasswd",
            f"{settings.MEDIA_URL}images/%00.png", f"/{language}/no-such-page/%00/",
        ]  # fmt: skip
        return paths

    def check(self, method, url, data=None, label="", **extra):
        try:
            if method == "get":
                response = self.client.get(url, **extra)
            else:
                response = self.client.post(url, data or {}, **extra)
        except Exception as error:  # noqa: BLE001 (collect every failure, then report them all)
            self.failures.append(
                f"{method.upper()} {url[:160]} {label} raised {type(error).__name__}: {str(error)[:200]}"
            )
            return None
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {url[:160]} {label} -> {response.status_code}")
        return response

    def assert_no_failures(self):
        self.assertEqual(self.failures, [], "\n" + "\n".join(self.failures[:60]))

    # -- GET -------------------------------------------------------------------------
    @pytest.mark.slow  # every public GET endpoint x every hostile query string: make test-slow
    def test_public_get_endpoints_survive_hostile_query_strings(self):
        values = hostile_values()
        # Every value in English; every third in Arabic (the same code paths, other texts).
        for language, step in (("en", 1), ("ar", 3)):
            for path in self.public_paths(language):
                self.check("get", path)
                for value in values[::step]:
                    self.check("get", f"{path}?{raw_query(value)}")
                self.check("get", f"{path}?{raw_query('1', repeat=30)}&{raw_query('abc', repeat=3)}")
                self.check("get", f"{path}?page=%ZZ&q=%E2%28%A1&month=%C0%AF")  # broken percent-encoding
        self.assert_no_failures()

    def test_unprefixed_and_unknown_language_prefixes(self):
        for path in ("/xx/", "/xx/europe/", "/../etc/", "/%00/", "/ar-xx/", "/zh/", "/europe/?lang=xx", "/?lang=../"):
            self.check("get", path)
            self.check("get", path, HTTP_ACCEPT_LANGUAGE="xx, ../../;q=abc, \x00")
        self.assert_no_failures()

    # -- POST ------------------------------------------------------------------------
    def form_urls(self, language):
        calendar = self.path_of(self.tree.calendar, language)
        section = self.path_of(self.tree.sections["eu"], language)
        return [
            f"{calendar}submit/",
            f"{section}submit/",
            f"/{language}/packs/request/",
            f"/{language}/stories/report/{self.tree.live_story.pk}/",
            f"/{language}/stories/status/garbage/withdraw/",
            f"/{language}/help/choose/",
            f"/{language}/help/forget/",
            "/i18n/setlang/",
            *self.password_form_urls(),
        ]

    def password_form_urls(self):
        from wagtail.models import PageViewRestriction

        restriction = PageViewRestriction.objects.get(page=self.tree.twins["standard-private"])
        return [
            f"/en/_util/authenticate_with_password/{restriction.pk}/{restriction.page_id}/",
            f"/ar/_util/authenticate_with_password/{restriction.pk}/{self.tree.live_story.pk}/",
            "/en/_util/authenticate_with_password/99999999/99999999/",
        ]

    def test_public_forms_survive_garbage(self):
        values = hostile_values()
        names = (
            "title", "description", "organisation", "contact_email", "start", "end", "time_zone", "country",
            "language", "format", "venue", "address", "registration_url", "audience", "age_bands", "languages",
            "pen_name", "age_band", "body", "picture_alt", "parent_email", "agree", "website", "item", "pack",
            "reason", "next", "all_day", "organiser", "edition", "status",
        )  # fmt: skip
        for language in ("en", "ar"):
            for url in self.form_urls(language):
                cache.clear()  # rate limits would answer 429 before the form is read
                self.check("post", url, {})
                for value in values[::3]:
                    cache.clear()
                    self.check("post", url, {name: [value, value] for name in names})
                self.check("post", url, {"item": [str(n) for n in range(500)], "language": "en"})
                self.check(
                    "post",
                    url,
                    "garbage=\x00" + "x" * 100_000,
                    content_type="application/x-www-form-urlencoded",
                )
                self.check("post", url, b"\xff\xfe\x00 not json", content_type="application/json")
                self.check("post", url, "--x\r\nbroken", content_type="multipart/form-data; boundary=x")
        self.assert_no_failures()

    def test_form_errors_are_translated(self):
        """The same bad input answers in the language of the URL."""
        for language in ("en", "ar"):
            response = self.client.post(f"/{language}/packs/request/", {"item": ["1"], "language": "xx"})
            self.assertEqual(response.status_code, 400)
            message = "We do not offer packs in that language. Choose one of the languages in the list."
            self.assertIn(in_language(message, language), response.content.decode())
            if language != "en":
                self.assertNotEqual(in_language(message, language), message)
            response = self.client.post(self.path_of(self.tree.calendar, language) + "submit/", {})
            self.assertIn(response.status_code, (200, 400))
            required = in_language("This field is required.", language)
            self.assertIn(required, response.content.decode())

    def test_a_refused_form_keeps_what_was_typed(self):
        """Bad input loses nothing: the form comes back filled in, with the error in Arabic."""
        from tests.stories.factories import story_data

        section = self.path_of(self.tree.sections["eu"], "ar")
        data = story_data(title="عنوان قصتي الطويلة", pen_name="ثعلب شجاع", agree="")
        response = self.client.post(section + "submit/", data)
        self.assertIn(response.status_code, (200, 400))
        html = response.content.decode()
        self.assertIn("عنوان قصتي الطويلة", html)
        self.assertIn("ثعلب شجاع", html)
        self.assertIn('lang="ar"', html)
        message = "Please tick the box to say you agree to the rules."
        self.assertNotEqual(in_language(message, "ar"), message)
        self.assertIn(in_language(message, "ar"), html)

    def test_calendar_dates_at_the_ends_of_time_get_a_translated_message(self):
        """0001-01-01 and 9999-12-31 are valid dates that cannot become UTC midnights: 500 before."""
        message = in_language("Choose a date between %(first)s and %(last)s.", "ar") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
        for language in ("en", "ar"):
            calendar = self.path_of(self.tree.calendar, language)
            for query in ("date_from=0001-01-01&date_to=0001-01-02", "date_from=9999-12-30&date_to=9999-12-31"):
                for route in ("", "month/2027/2/", "on-the-day/", "countries/", "feed/"):
                    with self.subTest(language=language, query=query, route=route):
                        response = self.check("get", f"{calendar}{route}?{query}")
                        self.assertIsNotNone(response)
                        self.assertLess(response.status_code, 500)
                        if language == "ar" and route == "":
                            self.assertIn(message, response.content.decode())
        self.assert_no_failures()

    @pytest.mark.slow  # every field of every public form x every hostile value: make test-slow
    def test_each_field_of_each_form_alone(self):
        """One hostile value in one field of an otherwise valid form, for every field."""
        from tests.events.test_submissions import form_data as event_data
        from tests.stories.factories import story_data

        values = [
            "", "0001-01-01", "9999-12-31", "25:61", "\x00", "x" * 100_000, "Mars/Olympus_Mons",
            "<script>alert(1)</script>", "\u202e\u200b",
        ]  # fmt: skip
        forms = {
            self.path_of(self.tree.calendar, "ar") + "submit/": event_data(),
            self.path_of(self.tree.sections["eu"], "en") + "submit/": story_data(),
        }
        for url, valid in forms.items():
            for name in valid:
                for value in values:
                    cache.clear()  # the rate limit would answer first
                    with self.captureOnCommitCallbacks(execute=True):
                        self.check("post", url, {**valid, name: value}, label=f"{name}={value[:20]!r}")
                cache.clear()
                self.check("post", url, {**valid, name: [valid[name]] * 50})
        self.assert_no_failures()

    def test_event_dates_at_the_ends_of_time_are_refused_with_a_message(self):
        """Year 1 at local midnight has no UTC time; 9999-12-31 has no next day: 500s before."""
        from tests.events.test_submissions import form_data as event_data

        # The date fields refuse years outside the calendar's range before any time arithmetic.
        out_of_range = in_language("Choose a date between %(first)s and %(last)s.", "ar") % {
            "first": FIRST_YEAR,
            "last": LAST_YEAR,
        }
        url = self.path_of(self.tree.calendar, "ar") + "submit/"
        cases = [
            (dict(start_date="0001-01-01", start_time="00:00", end_date="0001-01-01", end_time="01:00"), out_of_range),
            (dict(start_date="9999-12-31", end_date="9999-12-31", all_day="on"), out_of_range),
            (dict(start_date="0001-01-01", end_date="0001-01-01", all_day="on"), out_of_range),
        ]
        for fields, message in cases:
            with self.subTest(**fields):
                cache.clear()
                response = self.check("post", url, event_data(**fields))
                self.assertIsNotNone(response)
                self.assertLess(response.status_code, 500)
                html = response.content.decode()
                self.assertIn(message, html)
                self.assertIn("Atelier parents et enfants", html)  # nothing typed is lost
        self.assert_no_failures()
