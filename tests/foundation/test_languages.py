"""Every language: pages render with the right lang/dir, content, fallbacks, switcher, hreflang."""

import pytest
from django.test import TestCase
from django.utils import translation

from tests.factories import build_site_tree, translated
from tests.sitemap_reader import NS, sitemap_entries
from translations.core.languages import LANGUAGE_CODES

RTL = {"ar"}


def html_attrs(content: str) -> str:
    start = content.index("<html")
    return content[start : content.index(">", start)]


class LanguageRenderingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_site_tree()

    def test_home_renders_in_every_language_with_lang_and_dir(self):
        for code in LANGUAGE_CODES:
            with self.subTest(language=code):
                response = self.client.get(f"/{code}/")
                self.assertEqual(response.status_code, 200)
                content = response.content.decode()
                attrs = html_attrs(content)
                self.assertIn(f'lang="{code}"', attrs)
                self.assertIn('dir="rtl"' if code in RTL else 'dir="ltr"', attrs)

    def test_home_shows_translated_content_or_a_fallback_notice(self):
        french = self.client.get("/fr/").content.decode()
        self.assertIn("<h1>Journée pour un Internet plus sûr</h1>", french)  # its own language: no lang
        self.assertIn('<p class="lead">Bienvenue</p>', french)
        # The region cards have no French introduction: English, marked, and named in the notice.
        self.assertIn('<p lang="en" dir="ltr">About eu <small class="lang-marker" lang="fr" dir="ltr">', french)
        self.assertIn("notice--fallback", french)

        arabic = self.client.get("/ar/").content.decode()
        self.assertIn("<h1>يوم الإنترنت الآمن</h1>", arabic)

        # Japanese has no translation of the home page: English text, with a notice that says so.
        japanese = self.client.get("/ja/").content.decode()
        self.assertIn("Welcome", japanese)
        self.assertIn("notice--fallback", japanese)
        self.assertIn('<span lang="en" dir="ltr">English</span>', japanese)
        self.assertIn('<h1 lang="en" dir="ltr">', japanese)

    def test_region_page_renders_in_every_language(self):
        region = self.tree.regions["apac"]
        for code in LANGUAGE_CODES:
            with self.subTest(language=code):
                with translation.override(code):
                    url = region.get_url()
                self.assertTrue(url.startswith(f"/{code}/"), url)
                response = self.client.get(url)
                self.assertEqual(response.status_code, 200)
                self.assertContains(response, "APAC coalition")

    def test_translated_slugs_route_and_untranslated_slugs_fall_back(self):
        self.assertContains(self.client.get("/de/europa/"), "<h1>Europa</h1>", html=False)
        self.assertContains(self.client.get("/es/america-latina/"), "América Latina")
        # No Japanese slug for Europe: the default-language slug serves it.
        self.assertContains(self.client.get("/ja/europe/"), "Insafe")
        self.assertEqual(self.client.get("/de/europe/").status_code, 404)

    def test_region_fallback_chain_portuguese_reads_spanish_in_latin_america(self):
        response = self.client.get("/pt/america-latina/")
        content = response.content.decode()
        self.assertIn("Texto en español", content)  # pt intro missing -> es, not en
        self.assertIn('<span lang="es" dir="ltr">español</span>', content)
        # Outside Latin America Portuguese falls back to English directly.
        europe = self.tree.regions["eu"]
        translated(europe, {"en": {"intro": "English intro"}, "es": {"intro": "Introducción"}})
        self.assertContains(self.client.get("/pt/europe/"), "English intro")

    def test_fallback_notice_is_in_the_visitors_language(self):
        # The Europe page has no Spanish introduction: the notice is in Spanish.
        content = self.client.get("/es/europa/").content.decode()
        self.assertIn("notice--fallback", content)
        self.assertIn("Esta página todavía no está disponible por completo en", content)
        arabic = self.client.get("/ar/europe/").content.decode()
        self.assertIn("هذه الصفحة غير متاحة بالكامل", arabic)

    def test_switcher_and_hreflang_point_at_the_same_page(self):
        content = self.client.get("/en/latin-america/").content.decode()
        self.assertIn('href="/es/america-latina/" hreflang="es"', content)
        self.assertIn('href="/fr/latin-america/" hreflang="fr"', content)  # no fr slug: default path
        self.assertIn('hreflang="es" href="http://testserver/es/america-latina/"', content)
        self.assertIn('hreflang="pt" href="http://testserver/pt/america-latina/"', content)
        self.assertIn('hreflang="x-default" href="http://testserver/en/latin-america/"', content)
        # hreflang only for languages the page exists in.
        self.assertNotIn('rel="alternate" hreflang="ja"', content)

    def test_unprefixed_urls_redirect_by_accept_language(self):
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
        self.assertRedirects(response, "/ar/", fetch_redirect_response=False)
        response = self.client.get("/europe/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9")
        self.assertRedirects(response, "/de/europe/", fetch_redirect_response=False)
        response = self.client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")
        self.assertRedirects(response, "/zh-hans/", fetch_redirect_response=False)

    def test_sitemap_lists_every_public_page_in_the_languages_it_exists_in(self):
        draft = self.tree.pages["eu"]
        draft.unpublish()
        # The index at /sitemap.xml, then each of its sections, as a crawler reads them.
        entries = sitemap_entries(self.client)
        ns = NS
        locations = [entry.find("s:loc", ns).text for entry in entries]
        self.assertIn("http://testserver/fr/", locations)
        self.assertIn("http://testserver/ar/", locations)
        self.assertIn("http://testserver/es/america-latina/", locations)
        self.assertIn("http://testserver/zh-hans/asia-pacific/", locations)
        self.assertNotIn("http://testserver/ja/", locations)  # home has no Japanese translation
        self.assertFalse(any("/europe/guide/" in loc for loc in locations), "unpublished page listed")
        alternates = [link for entry in entries for link in entry.findall("x:link", ns)]
        self.assertTrue(any(a.get("hreflang") == "x-default" for a in alternates))
        self.assertEqual(len(locations), len(set(locations)))


@pytest.mark.django_db
def test_non_page_views_switch_language_by_path(client, site_tree):
    response = client.get("/fr/jsi18n/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
