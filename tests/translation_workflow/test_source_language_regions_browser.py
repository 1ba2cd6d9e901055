"""Coordinators of the other regions in a real browser, each with the admin in their region's
source language: an Africa coordinator in Arabic (right to left) and an Asia-Pacific
coordinator in Japanese create and publish a page typing only their language; visitors of
another language read it in that language, marked so.

The Spanish coordinator's run is test_source_language_browser.py.
"""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import get_language_info
from wagtail.models import Page
from wagtail.users.models import UserProfile

from sitecontent.models import RegionPage, StandardPage
from tests.factories import PASSWORD, add_region
from translations.core.tooling import get_translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = {
    # region: (coordinator's language, direction, title, introduction, slug)
    "africa": ("ar", "rtl", "الخصوصية على الإنترنت", "كيف تحمي بياناتك.", "الخصوصية-على-الإنترنت"),
    "apac": ("ja", "ltr", "ネットのプライバシー", "データの守り方。", "ネットのプライバシー"),
}


@pytest.mark.parametrize("region_code", list(CASES))
def test_coordinator_creates_and_publishes_in_their_own_language(site_tree, browser_page, region_code):
    language, direction, title, intro, slug = CASES[region_code]
    name = get_language_info(language)["name_local"]  # "العربيّة", "日本語"
    if region_code == "africa":
        add_region(site_tree, "africa")  # Arabic is its source language
    else:
        RegionPage.objects.filter(pk=site_tree.regions["apac"].pk).update(source_language="ja")
    region = RegionPage.objects.get(short_code=region_code)
    username = f"{region_code}-coordinator"
    profile = UserProfile.get_for_user(site_tree.users[username])
    profile.preferred_language = language
    profile.save()

    page = browser_page
    page.goto("/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("html").get_attribute("dir") == direction

    page.goto(f"/admin/pages/add/sitecontent/standardpage/{region.pk}/")
    picker = page.locator(".locale-picker")
    first = picker.locator("button.locale-toggle").first
    # The source language comes first, named in its own script, and is open.
    assert first.get_attribute("data-label").startswith(f"{name} (")
    assert "showing-locale" in first.get_attribute("class")
    assert page.locator(f"input[name=title_{language}]").is_visible()
    assert not page.locator("input[name=title_en]").is_visible()

    page.fill(f"input[name=title_{language}]", title)
    page.fill(f"textarea[name=intro_{language}]", intro)
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()

    created = StandardPage.objects.child_of(region).get(**{f"title_{language}": title})
    assert created.live
    assert not get_translation(created, "title", "en")
    assert get_translation(created, "slug", language) == slug
    assert Page.objects.rewrite(False).values_list("title", "slug").get(pk=created.pk) == (title, slug)

    # A French visitor reads the page in the coordinator's language, marked as such.
    with translation.override("fr"):
        french_url = created.get_url()
    page.goto(french_url)
    assert title in page.locator("main").inner_text()
    marker = page.locator(f".notice--fallback span[lang={language}]")
    assert marker.get_attribute("dir") == direction
    assert page.locator("html").get_attribute("lang") == "fr"
