"""Every kind of public page, in every language, on the demo site: no serious axe violation.

One sweep over the demo content (four regions, ten languages, Arabic right to left): each
page type and each non-page view a visitor can reach, in each of the ten languages, whether
the page is translated or falls back. Violations are collected per page so one run lists
them all.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from tests.factories import ensure_wagtail_root
from translations.core.languages import LANGUAGE_CODES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RTL = {"ar"}


@pytest.fixture
def demo_site(transactional_db):
    ensure_wagtail_root()  # an earlier transactional test may have flushed it
    call_command("load_demo_content", verbosity=0)


def _first(model, **filters):
    page = model.objects.live().public().filter(**filters).order_by("path").first()
    assert page is not None, f"the demo content has no live {model.__name__}"
    return page


def _country_without_entry() -> str:
    from django_countries import countries

    from campaign.helplines.models import CountryHelp

    listed = set(CountryHelp.objects.values_list("country", flat=True))
    return next(code for code, _name in countries if code not in listed).lower()


def public_paths(language: str) -> list[str]:
    from campaign.events.models import EventCalendarPage, EventPage
    from campaign.packs.models import CuratedPack
    from campaign.stories.models import StoryIndexPage, StoryPage
    from sitecontent.models import GuidePage, HomePage, RegionPage, ResourceIndexPage, ResourcePage, StandardPage

    with translation.override(language):
        region = _first(RegionPage, short_code="eu")
        calendar = _first(EventCalendarPage, path__startswith=region.path)
        stories = _first(StoryIndexPage, path__startswith=region.path)
        paths = [
            _first(HomePage).get_url(),
            region.get_url(),
            _first(StandardPage, path__startswith=region.path).get_url(),
            _first(ResourceIndexPage, path__startswith=region.path).get_url(),
            _first(ResourcePage, path__startswith=region.path).get_url(),
            _first(GuidePage, path__startswith=region.path).get_url(),
            calendar.get_url(),
            calendar.get_url() + "month/",
            calendar.get_url() + "on-the-day/",
            calendar.get_url() + "countries/",
            calendar.get_url() + "submit/",
            _first(EventPage, path__startswith=region.path).get_url(),
            stories.get_url(),
            stories.get_url() + "submit/",
            _first(StoryPage, path__startswith=region.path).get_url(),
            reverse("helplines:index"),
            reverse("helplines:countries"),
            reverse("helplines:country", args=["be"]),
            reverse("helplines:country", args=[_country_without_entry()]),  # the international fallbacks
            reverse("editions:archive"),
            reverse("packs:list"),
        ]
        pack = CuratedPack.objects.order_by("pk").first()
        if pack is not None:
            paths.append(reverse("packs:curated", args=[pack.slug]))
    return paths


def test_every_page_type_in_every_language_passes_axe(demo_site, browser_page, axe_check):
    page = browser_page
    failures, checked = [], 0
    for language in LANGUAGE_CODES:
        for path in public_paths(language):
            response = page.goto(path)
            if response is None or response.status >= 400:
                failures.append(f"{language} {path}: HTTP {response.status if response else 'no response'}")
                continue
            html = page.locator("html")
            if html.get_attribute("lang") != language:
                failures.append(f"{language} {path}: lang={html.get_attribute('lang')!r}")
            expected_dir = "rtl" if language in RTL else "ltr"
            if html.get_attribute("dir") != expected_dir:
                failures.append(f"{language} {path}: dir={html.get_attribute('dir')!r}")
            try:
                axe_check(page)
            except AssertionError as error:
                failures.append(f"{language} {path}: {error}")
            checked += 1
    assert checked >= len(LANGUAGE_CODES) * 20, checked
    assert not failures, f"{len(failures)} of {checked} pages failed:\n" + "\n".join(failures)
