"""The public help pages: every demo country and a country with no entry, in several languages."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.html import escape
from django_countries.fields import Country

from campaign.helplines.phones import dial_string

from .factories import CountryHelpFactory, HelplineFactory, HotlineFactory

LANGUAGES = ["en", "fr", "es", "ar", "ja", "sw"]
COOKIE = "sid_help_country"


def country_name(code: str, language: str) -> str:
    with translation.override(language):
        return escape(str(Country(code).name))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_each_demo_country_page_lists_its_services(client, site_tree, demo_directory, language):
    for entry in demo_directory:
        code = entry.country.code
        response = client.get(f"/{language}/help/{code.lower()}/")
        assert response.status_code == 200, code
        html = response.content.decode()
        direction = "rtl" if language == "ar" else "ltr"
        assert f'<html lang="{language}" dir="{direction}"' in html
        assert country_name(code, language) in html, code
        helplines = list(entry.helplines.all())
        for helpline in helplines:
            assert escape(helpline.name) in html
            if helpline.phone:
                assert f'href="tel:{dial_string(helpline.phone)}"' in html, (code, helpline.phone)
            if helpline.chat_url:
                assert f'href="{helpline.chat_url}"' in html
        if not helplines:  # an entry without a helpline still gives the child somewhere to turn
            assert f'href="{settings.HELPLINES_CHI_DIRECTORY_URL}"' in html, code
        hotlines = list(entry.hotlines.all())
        for hotline in hotlines:
            assert f'href="{hotline.report_url}"' in html
        if not hotlines:
            assert f'href="{settings.HELPLINES_INHOPE_REPORT_URL}"' in html, code
            assert f'href="{settings.HELPLINES_VGT_REPORT_URL}"' in html, code
        if entry.emergency_number:
            assert f'href="tel:{dial_string(entry.emergency_number)}"' in html
        assert "<img" not in html
        assert 'class="quick-exit"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "ar", "zh-hans", "hi"])
def test_country_without_entry_shows_international_fallbacks(client, site_tree, demo_directory, language):
    response = client.get(f"/{language}/help/us/")
    assert response.status_code == 200
    html = response.content.decode()
    assert country_name("US", language) in html
    for url in (
        settings.HELPLINES_CHI_DIRECTORY_URL,
        settings.HELPLINES_INHOPE_REPORT_URL,
        settings.HELPLINES_VGT_REPORT_URL,
    ):
        assert f'href="{url}"' in html
    assert "Child Helpline International" in html and "INHOPE" in html and "Virtual Global Taskforce" in html
    assert "tel:" not in html  # no invented number for a country nobody has checked


@pytest.mark.django_db
def test_arabic_page_is_right_to_left_and_numbers_stay_left_to_right(client, site_tree, demo_directory):
    html = client.get("/ar/help/eg/").content.decode()
    assert 'dir="rtl"' in html
    assert '<bdi dir="ltr">16000</bdi>' in html
    assert "خط نجدة الطفل" in html
    assert country_name("EG", "ar") in html and "مصر" in html


@pytest.mark.django_db
def test_services_come_in_the_order_a_frightened_child_needs_them(client, site_tree):
    entry = CountryHelpFactory(country="BE", emergency_number="112", centre_url="https://centre.example.org/")
    HelplineFactory(entry=entry, name="First line", phone="102", chat_url="https://chat.example.org/", sms="4000")
    HotlineFactory(entry=entry, name="Reporting", report_url="https://report.example.org/")
    html = client.get("/en/help/be/").content.decode()
    positions = [
        html.index('href="tel:112"'),  # danger right now
        html.index('href="tel:102"'),  # call
        html.index('href="https://chat.example.org/"'),  # chat
        html.index('href="sms:4000"'),  # text
        html.index('href="https://report.example.org/"'),  # report
        html.index('href="https://centre.example.org/"'),  # learn more
    ]
    assert positions == sorted(positions)


@pytest.mark.django_db
def test_helpline_facts_in_the_visitors_language(client, site_tree):
    HelplineFactory(entry=CountryHelpFactory(country="BE"), languages="nl, fr", free_of_charge=True)
    html = client.get("/fr/help/be/").content.decode()
    assert "néerlandais" in html.lower() and "français" in html.lower()  # Django's own names, in French


@pytest.mark.django_db
def test_unknown_country_is_404_and_upper_case_redirects(client, site_tree):
    assert client.get("/en/help/zz/").status_code == 404
    response = client.get("/en/help/FR/")
    assert response.status_code == 302 and response["Location"] == "/en/help/fr/"


@pytest.mark.django_db
def test_picking_a_country_sets_only_a_country_code_cookie(client, site_tree, demo_directory):
    response = client.get("/de/help/choose/", {"country": "AT"})
    assert response.status_code == 302
    assert response["Location"] == "/de/help/at/"
    assert set(response.cookies) == {COOKIE}  # no session, no CSRF token, no identifier
    morsel = response.cookies[COOKIE]
    assert morsel.value == "AT"
    assert morsel["samesite"] == "Lax" and morsel["httponly"] and int(morsel["max-age"]) > 30 * 24 * 3600
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    # The help control now leads straight to Austria, without any region hint.
    page = client.get("/de/help/")
    html = page.content.decode()
    assert "Rat auf Draht" in html and 'href="tel:147"' in html
    assert "Cookie" in page["Vary"] and "private" in page["Cache-Control"]
    assert not page.cookies  # reading the preference never writes anything


@pytest.mark.django_db
def test_new_visitor_sees_their_regions_countries_first(client, site_tree, demo_directory):
    response = client.get("/en/help/", {"region": "latam"})
    html = response.content.decode()
    assert response.status_code == 200
    region_section = html[html.index('id="help-region"') : html.index('id="help-all"')]
    assert 'href="/en/help/choose/?country=MX"' in region_section
    assert 'href="/en/help/choose/?country=BR"' in region_section
    assert 'href="/en/help/choose/?country=FR"' not in region_section
    assert 'href="/en/help/choose/?country=FR"' in html  # other directory countries follow
    assert '<select name="country" id="id_country"' in html  # and any country at all
    assert f'href="{settings.HELPLINES_CHI_DIRECTORY_URL}"' in html  # help before choosing anything


@pytest.mark.django_db
def test_region_with_one_country_goes_straight_to_it(client, site_tree, demo_directory):
    region = site_tree.regions["apac"]
    region.countries = ["JP"]
    region.save_revision().publish()
    html = client.get("/ja/help/", {"region": "apac"}).content.decode()
    assert 'href="tel:0120997777"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [("", "Choose your country from the list."), ("XX", "We do not know that country.")],
)
def test_bad_country_choice_is_explained(client, site_tree, value, message):
    response = client.get("/en/help/choose/", {"country": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html and 'href="#id_country"' in html
    assert 'aria-invalid="true" aria-describedby="id_country_error"' in html
    assert COOKIE not in response.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("cookie", ["ZZ", "<script>alert(1)</script>", "FRA", ""])
def test_tampered_cookie_is_ignored(client, site_tree, cookie):
    client.cookies[COOKIE] = cookie
    response = client.get("/en/help/")
    assert response.status_code == 200
    assert 'id="id_country"' in response.content.decode()  # the picker, not an error
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.django_db
def test_forget_my_country(client, site_tree):
    client.cookies[COOKIE] = "FR"
    assert "Forget my country" in client.get("/en/help/countries/").content.decode()
    response = client.get("/en/help/forget/")
    assert response.status_code == 302 and response["Location"] == "/en/help/countries/"
    assert response.cookies[COOKIE].value == "" and response.cookies[COOKIE]["max-age"] == 0


@pytest.mark.django_db
def test_help_control_on_every_page_in_every_language(client, site_tree):
    pages = [(site_tree.home, "")]
    pages += [(region, code) for code, region in site_tree.regions.items()]
    pages += [(page, code) for code, page in site_tree.pages.items()]
    for language, _name in settings.LANGUAGES:
        for page, region_code in pages:
            with translation.override(language):
                url = page.get_url()
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            expected = f"/{language}/help/" + (f"?region={region_code}" if region_code else "")
            assert f'<a class="help-control" href="{expected}">' in html, url
        # Help pages are help already: their quick exit replaces the control.
        for path in (f"/{language}/help/", f"/{language}/help/fr/", f"/{language}/help/countries/"):
            html = client.get(path).content.decode()
            assert 'class="help-control"' not in html and "data-quick-exit" in html, path
        assert 'class="help-control"' in client.get(f"/{language}/nowhere/").content.decode()


@pytest.mark.django_db
def test_visitor_and_editor_text_is_escaped(client, site_tree, xss_payloads):
    entry = CountryHelpFactory(country="BE")
    for payload in xss_payloads[:20]:
        entry.notes = payload
        entry.save()
        HotlineFactory(entry=entry, name=payload)
        html = client.get("/en/help/be/").content.decode()
        assert payload not in html or payload == escape(payload)
        entry.hotlines.all().delete()


@pytest.mark.django_db
def test_pages_have_no_images_and_no_other_origin_assets(client, site_tree, demo_directory):
    for path in ("/en/help/", "/ar/help/eg/", "/fr/help/us/", "/es/help/countries/"):
        html = client.get(path).content.decode()
        assert "<img" not in html and "<svg" not in html
        for asset in re.findall(r'(?:src|href)="([^"]+\.(?:css|js))"', html):
            assert asset.startswith("/static/"), asset


@pytest.mark.django_db
def test_help_control_on_views_that_are_not_pages(client, site_tree):
    from campaign.editions.models import Edition
    from campaign.events.models import EventSubmission
    from tests.events.factories import EventCalendarPageFactory

    Edition.objects.create(year=2027, theme="Together")
    calendar = EventCalendarPageFactory(parent=site_tree.regions["eu"], title="Events", slug="events")
    submission = EventSubmission(region=site_tree.regions["eu"], organisation="School", contact_email="a@b.example")
    submission.set_token("status-token")
    submission.save()
    for language in ("en", "ar", "ja", "sw"):
        with translation.override(language):
            calendar_url = calendar.get_url()
        paths = [
            f"/{language}/editions/",
            f"/{language}/editions/2027/",
            f"/{language}/events/submissions/status-token/",
            f"/{language}/no-such-page/",
        ]
        paths += [calendar_url + route for route in ("", "month/", "on-the-day/", "countries/", "submit/")]
        for path in paths:
            response = client.get(path)
            assert response.status_code in (200, 404), path
            assert f'<a class="help-control" href="/{language}/help/' in response.content.decode(), path


@pytest.mark.django_db
def test_error_page_offers_help_without_the_database(client):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert '<a class="help-control" href="/help/">' in html
    assert 'href="https://childhelplineinternational.org/helplines/"' in html
    # The unprefixed help address finds the visitor's language.
    response = client.get("/help/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302 and response["Location"].startswith("/fr/help/")
