"""The Latin American coordinator in a real browser, admin in Spanish: the picker opens on
Spanish (named in Spanish, marked as the source language), a page is created and published
with only Spanish typed, and visitors of another language read it in Spanish, marked so."""

from __future__ import annotations

import pytest
from django.utils import translation
from wagtail.models import Page
from wagtail.users.models import UserProfile

from sitecontent.models import StandardPage
from tests.factories import PASSWORD
from translations.core.tooling import get_translation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_spanish_coordinator_creates_and_publishes_without_english(site_tree, browser_page):
    region = site_tree.regions["latam"]
    coordinator = site_tree.users["latam-coordinator"]
    profile = UserProfile.get_for_user(coordinator)
    profile.preferred_language = "es"
    profile.save()

    page = browser_page
    page.goto("/admin/login/")
    page.fill("input[name=username]", "latam-coordinator")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/pages/add/sitecontent/standardpage/{region.pk}/")
    picker = page.locator(".locale-picker")
    first = picker.locator("button.locale-toggle").first
    assert first.get_attribute("data-label").startswith("español (")
    assert first.get_attribute("aria-label") == first.get_attribute("data-label")
    assert "showing-locale" in first.get_attribute("class")
    chinese = picker.locator("button.locale-toggle", has_text="zh-hans")
    assert chinese.get_attribute("data-label").startswith("简体中文")
    assert chinese.get_attribute("data-state") == "empty"
    # Only the source (and editor's) language is open: English fields are hidden.
    assert page.locator("input[name=title_es]").is_visible()
    assert not page.locator("input[name=title_en]").is_visible()

    page.fill("input[name=title_es]", "Privacidad en línea")
    page.fill("textarea[name=intro_es]", "Cómo proteger tus datos.")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()

    created = StandardPage.objects.child_of(region).get(title_es="Privacidad en línea")
    assert created.live
    assert not get_translation(created, "title", "en")
    assert Page.objects.rewrite(False).values_list("slug", flat=True).get(pk=created.pk) == "privacidad-en-línea"

    with translation.override("fr"):
        french_url = created.get_url()
    page.goto(french_url)
    main = page.locator("main")
    assert "Privacidad en línea" in main.inner_text()
    assert page.locator(".notice--fallback span[lang=es]").text_content() == "español"
    assert page.locator("html").get_attribute("lang") == "fr"
