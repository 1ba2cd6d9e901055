"""What a visitor meets on the demo site: menus, footer pages, site maps, labels, titles.

The demo content is loaded once for the module (tests.demo).
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests.browser.test_every_page_axe import public_paths
from tests.demo import module_demo_site
from translations.core.languages import LANGUAGE_CODES

demo_site = module_demo_site()
pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def soup(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return BeautifulSoup(response.content.decode(), "html.parser")


def test_the_main_menu_reaches_every_section_in_every_language(demo_site, client):
    """From the home page, by the visible menu only: library, calendar, help, editions, packs;
    from a region: its stories too. Every link works."""
    for language in LANGUAGE_CODES:
        home = soup(client, f"/{language}/")
        links = [a["href"] for a in home.select("nav.main-menu a")]
        assert len(links) >= 5, (language, links)
        kinds = {"library": False, "calendar": False, "help": False, "editions": False, "packs": False}
        for href in links:
            page = soup(client, href)
            body_class = page.body.get("class", [])
            kinds["library"] |= "page-library" in body_class
            kinds["calendar"] |= any(c.startswith("page-calendar") for c in body_class)
            kinds["help"] |= href == reverse("helplines:index").replace("/en/", f"/{language}/")
            kinds["editions"] |= href.endswith("/editions/")
            kinds["packs"] |= href.endswith("/packs/")
        assert all(kinds.values()), (language, kinds)
        with translation.override(language):
            region_url = home.select_one(".regions a")["href"]
        region_links = [a["href"] for a in soup(client, region_url).select("nav.main-menu a")]
        assert any("page-stories" in soup(client, href).body.get("class", []) for href in region_links), region_links


def test_the_footer_links_about_privacy_partners_contact_and_the_site_map(demo_site, client):
    for language in ("en", "ar", "ja"):
        footer = soup(client, f"/{language}/").find("footer")
        hrefs = [a["href"] for a in footer.find_all("a")]
        assert reverse("site_map").replace("/en/", f"/{language}/") in hrefs
        assert any("privacy" in href for href in hrefs)
        assert len(hrefs) >= 5
        for href in hrefs:
            assert client.get(href).status_code == 200, href


def test_the_privacy_page_explains_each_age_band_in_the_visitors_language(demo_site, client):
    from campaign.stories.consent import PRIVACY_NOTES

    for language in ("en", "ar"):
        main = soup(client, f"/{language}/privacy/").find("main").get_text(" ")
        with translation.override(language):
            for note in PRIVACY_NOTES.values():
                assert str(note) in main


def test_sitemap_lists_every_public_page_type_with_x_default_as_in_the_page_head(demo_site, client):
    from campaign.helplines.models import CountryHelp
    from tests.sitemap_reader import sitemap_entries

    entries = sitemap_entries(client)  # the index, then every section, as a crawler reads it
    locations = {url.find("s:loc", NS).text.replace("http://testserver", "") for url in entries}
    # Every page type (all exist in English), and the views in every language they exist in.
    for path in public_paths("en"):
        if path.endswith(("/submit/", "/month/", "/on-the-day/", "/countries/")) and "/help/" not in path:
            continue  # views of a calendar or a form, not pages of their own
        country = re.fullmatch(r"/en/help/([a-z]{2})/", path)
        if country and not CountryHelp.objects.filter(country=country.group(1).upper()).exists():
            continue  # a country with no entry of its own: the international fallbacks
        assert path in locations, f"{path} missing from sitemap.xml"
    for language in ("ar", "ja"):
        for path in ("help/", "help/countries/", "help/be/", "editions/", "packs/", "editions/2027/"):
            assert f"/{language}/{path}" in locations, f"/{language}/{path} missing from sitemap.xml"
    # x-default: the same URL the page's own head gives, the default language's.
    for url in entries[:40] + entries[-40:]:
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        if "x-default" in alternates:
            assert alternates["x-default"] == alternates["en"]
    home_head = soup(client, "/fr/").find("link", hreflang="x-default")["href"]
    assert home_head == "http://testserver/en/"


def test_the_html_site_map_lists_pages_in_the_visitors_language(demo_site, client):
    from sitecontent.models import RegionPage

    page = soup(client, "/ja/site-map/")
    hrefs = {a["href"] for a in page.find("main").find_all("a")}
    for region in RegionPage.objects.live():
        with translation.override("ja"):
            assert region.get_url() in hrefs
    assert "/ja/help/" in hrefs and "/ja/packs/" in hrefs


def test_titles_descriptions_and_favicon(demo_site, client):
    for language in ("en", "ar", "ja"):
        for path in public_paths(language):
            head = soup(client, path).head
            title = head.title.get_text()
            parts = [part.strip() for part in title.split("·")]
            assert len(parts) == len(set(parts)), f"{path}: {title!r}"
            description = head.find("meta", attrs={"name": "description"})
            assert description is not None and description["content"].strip(), path
            assert head.find("link", rel="icon") is not None, path
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith(".svg")


def test_story_form_labels_say_you_can_skip_this_once(demo_site, client):
    for language in LANGUAGE_CODES:
        with translation.override(language):
            story_form = public_paths(language)[13]  # the stories section's submit/ (see public_paths)
            skip = str(translation.gettext("(you can skip this)"))
        form = soup(client, story_form).find("main")
        assert form.find("textarea") is not None, story_form
        for label in form.find_all("label"):
            assert label.get_text().count(skip) <= 1, (language, label.get_text())


def test_resource_files_are_labelled_by_title_language_format_and_size(demo_site, client):
    from sitecontent.models import ResourcePage

    item = ResourcePage.objects.live().filter(files__isnull=False).first()
    with translation.override("en"):
        page = soup(client, item.get_url())
    labels = [" ".join(a.get_text(" ").split()) for a in page.select(".file-list a")]
    assert labels
    for label in labels:
        assert "-" not in label.split("·")[0] or " " in label.split("·")[0], label  # not a slug
        assert re.search(r"· [A-Z0-9]{2,5} · [\d.,]+\s(bytes|KB|MB)", label), label
    assert any(item.title in label for label in labels)


def test_age_bands_are_in_age_order_and_language_names_in_their_own_language(demo_site, client):
    from sitecontent.library.vocabulary import AGE_BANDS

    order = [str(label) for _code, label in AGE_BANDS]
    page = soup(client, "/en/library/")
    for meta in page.select(".result .card__meta"):
        shown = [band for band in order if band in meta.get_text()]
        assert shown == sorted(shown, key=order.index)
    language_facet = [s.get_text() for s in page.select('input[name="language"] + span') if s.get("lang")] or [
        s.get_text() for s in page.find_all("span", lang=True) if s.find_parent("fieldset")
    ]
    assert "français" in language_facet and "French" not in language_facet
    calendar = soup(client, "/en/calendar/")
    options = {o.get_text(): o.get("lang") for o in calendar.select("select[name=language] option")}
    assert options.get("français") == "fr" and "French" not in options
    assert calendar.select_one("form.calendar-filters")["action"] == "/en/calendar/"


def test_help_pages_show_their_quick_exit_instead_of_the_help_control(demo_site, client):
    for path in ("/en/help/", "/en/help/be/", "/ar/help/countries/"):
        page = soup(client, path)
        assert page.select_one(".help-control") is None, path
        assert page.select_one("[data-quick-exit]") is not None, path
    assert soup(client, "/en/").select_one(".help-control") is not None


def test_the_month_view_opens_on_the_next_month_with_events(demo_site, client):
    page = soup(client, "/en/calendar/month/")
    assert page.select(".month-grid td ul li"), "the month view opened on a month without events"
