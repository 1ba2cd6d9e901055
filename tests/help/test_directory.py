"""Query counts, demo data, the quick-exit include and model validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from campaign.helplines.demo import demo_countries, load_entry
from campaign.helplines.models import CountryHelp, Helpline, Hotline
from campaign.helplines.phones import dial_string
from sitecontent.demo.content import REGIONS

from .factories import CountryHelpFactory, HelplineFactory, HotlineFactory


def count_queries(client, url):
    client.get(url)  # warm caches (site root paths, settings)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_country_page_query_count_is_constant(client):
    small = CountryHelpFactory(country="BE")
    HelplineFactory(entry=small)
    HotlineFactory(entry=small)
    large = CountryHelpFactory(country="FR")
    HelplineFactory.create_batch(8, entry=large)
    HotlineFactory.create_batch(5, entry=large)
    assert count_queries(client, "/en/help/be/") == count_queries(client, "/en/help/fr/")
    assert count_queries(client, "/ar/help/fr/") <= 6


@pytest.mark.django_db
def test_picker_query_count_is_constant(client):
    for code in ("BE", "FR", "DE"):
        CountryHelpFactory(country=code)
    few = count_queries(client, "/en/help/")
    for code in demo_countries():
        CountryHelpFactory(country=code)
    assert CountryHelp.objects.count() > 40
    assert count_queries(client, "/en/help/") == few
    assert count_queries(client, "/en/help/?region=eu") <= few + 1  # the region itself


@pytest.mark.django_db
def test_demo_data_covers_every_demo_country_flagged_and_valid():
    codes = demo_countries()
    assert set(codes) == {code for spec in REGIONS for code in spec["countries"]}
    for code in codes:
        load_entry(code)
    for code in codes:  # idempotent: a second load replaces, never duplicates
        load_entry(code)
    assert CountryHelp.objects.count() == len(codes)
    assert not CountryHelp.objects.filter(is_demo_data=False).exists()
    helplines = Helpline.objects.count()
    load_entry("FR")
    assert Helpline.objects.count() == helplines
    for entry in CountryHelp.objects.with_services():
        entry.full_clean()  # a coordinator can save every demo entry as it is
        for service in [*entry.helplines.all(), *entry.hotlines.all()]:
            service.full_clean(exclude=["entry"])


@pytest.mark.django_db
def test_hostile_values_are_rejected_by_validation():
    entry = CountryHelpFactory(country="BE")
    bad = [
        Helpline(entry=entry, name="x", phone="javascript:alert(1)"),
        Helpline(entry=entry, name="x", chat_url="javascript:alert(1)"),
        Helpline(entry=entry, name="x", languages="en, klingon"),
        Hotline(entry=entry, name="x", report_url="data:text/html,<script>alert(1)</script>"),
    ]
    for service in bad:
        with pytest.raises(ValidationError):
            service.full_clean()


@pytest.mark.parametrize(
    ("printed", "dialled"),
    [
        ("116 111", "116111"),
        ("+44 800 1111", "+448001111"),
        ("0800-0432", "08000432"),
        ("(02) 9999.0000", "0299990000"),
    ],
)
def test_dial_string(printed, dialled):
    assert dial_string(printed) == dialled


def test_quick_exit_include_is_reusable_anywhere(settings):
    settings.HELPLINES_QUICK_EXIT_URL = "https://neutral.example.org/"
    html = render_to_string("themes/default/includes/quick_exit.html")
    assert 'href="https://neutral.example.org/"' in html
    assert 'rel="noreferrer"' in html and "data-quick-exit" in html
    assert "helplines/js/quick_exit.js" in html


def test_quick_exit_script_replaces_history():
    from pathlib import Path

    from django.conf import settings

    script = (Path(settings.BASE_DIR) / "campaign/helplines/static/helplines/js/quick_exit.js").read_text()
    assert "location.replace" in script


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/ar/help/fr/", "/ar/help/us/", "/ar/help/?region=eu", "/zh-hans/help/countries/"])
def test_help_pages_stay_under_30_kb_of_html_and_css(client, demo_directory, path):
    """What a phone downloads: the page's HTML as the site sends it (never compressed by the
    application) and its style sheets as production serves them (whitenoise's compressed
    storage, gzip at the highest level: every browser asks for it)."""
    import gzip
    import re

    from django.contrib.staticfiles import finders

    from sid.settings import base

    assert base.STORAGES["staticfiles"]["BACKEND"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    html = client.get(path).content
    css = sum(
        len(gzip.compress(Path(finders.find(href.decode())).read_bytes(), compresslevel=9))
        for href in re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html)
    )
    assert css > 0
    assert len(html) + css < 30 * 1024, (path, len(html), css)
    assert b"<img" not in html


@pytest.mark.django_db
def test_help_pages_leave_out_the_logo_other_pages_show(client, site_tree):
    import wagtail_factories

    from themes.models import BrandingSettings

    branding = BrandingSettings.for_site(site_tree.site)
    branding.logo = wagtail_factories.ImageFactory()
    branding.save()
    assert "<img" in client.get("/en/").content.decode()
    for path in ("/en/help/", "/en/help/fr/", "/ar/help/countries/"):
        assert "<img" not in client.get(path).content.decode(), path
