"""A Latin-American coordinator, in a real browser: export Portuguese, import it, publish.

Axe-core checks the translation screens (the content area the workflow renders).
"""

from __future__ import annotations

import pytest
from django.utils import translation
from lxml import etree

from tests.factories import PASSWORD
from tests.factories import translated as with_translations

from . import files
from .factories import guide_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 1280, "height": 900}, "accept_downloads": True}


def test_coordinator_round_trip_in_the_admin(site_tree, browser_page, axe_check, tmp_path):  # noqa: F811
    """The translation workflow end to end, as a new coordinator would do it: from the admin menu, export
    everything untranslated in Portuguese for Latin America, import the translated file,
    review the draft and publish it; readers of /pt/ then read Portuguese."""
    page_obj = guide_page(site_tree.regions["latam"])
    # Latin America writes in Spanish (its source language, the one its pages require).
    with_translations(page_obj, {"es": {"title": "Guía de seguridad", "intro": "Cómo estar seguro en línea."}})
    # Not to be exported: another region's page.
    other_region = guide_page(site_tree.regions["eu"], slug="eu-guide")
    with translation.override("pt"):
        public_url = page_obj.url
    assert public_url.startswith("/pt/")

    page = browser_page
    page.goto("/admin/login/")
    page.fill("input[name=username]", "latam-coordinator")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    # From the menu, as someone who does not know the URL.
    page.get_by_role("link", name="Translations").first.click()
    page.wait_for_url("**/admin/translations/**")
    page.select_option("select[name=region]", "latam")
    page.select_option("select[name=language]", "pt")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**language=pt**")
    assert page.locator("[data-status=fallback]").first.is_visible()
    axe_check(page, context="#main")

    page.get_by_label("Everything missing or out of date in this region").check()
    page.get_by_role("button", name="Prepare the file").click()
    page.wait_for_url("**/admin/translations/export/*/")
    axe_check(page, context="#main")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download").click()
    exported = tmp_path / "export.xlf"
    download_info.value.save_as(exported)

    root = etree.fromstring(exported.read_bytes())
    unit_ids = [unit.get("id") for unit in root.iter("{*}trans-unit")]
    exported_objects = {unit_id.rsplit(":", 1)[0] for unit_id in unit_ids}
    assert f"sitecontent.standardpage:{page_obj.pk}" in exported_objects
    assert f"sitecontent.standardpage:{other_region.pk}" not in exported_objects  # another region
    page_units = {i.split(":", 2)[2] for i in unit_ids if i.startswith(f"sitecontent.standardpage:{page_obj.pk}:")}
    assert {"title", "intro"} <= page_units and any(key.startswith("body/") for key in page_units)
    translated = tmp_path / "translated.xlf"
    translated.write_bytes(files.translate_xml(exported.read_bytes(), "pt"))  # as a CAT tool would

    page.get_by_role("link", name="Translations").first.click()
    page.wait_for_url("**/admin/translations/**")
    page.get_by_role("link", name="Import a translated file").click()
    page.wait_for_url("**/admin/translations/import/")
    axe_check(page, context="#main")
    page.set_input_files("input[name=file]", str(translated))
    page.select_option("select[name=language]", "pt")
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_url("**/admin/translations/import/*/")
    assert page.locator("ins").first.is_visible()
    axe_check(page, context="#main")
    with page.expect_navigation():
        page.get_by_role("button", name="Save as drafts").click()
    assert page.get_by_role("heading", name="Saved as drafts").is_visible()
    # Wagtail's success banner fades in; axe measures colours at one instant.
    page.wait_for_timeout(1500)
    axe_check(page, context="#main")

    # Nothing is public before review: the live page and /pt/ are unchanged.
    page_obj.refresh_from_db()
    assert not page_obj.title_pt and page_obj.has_unpublished_changes
    page.goto(public_url)
    assert "[pt]" not in page.locator("main").inner_text()

    # Review: the coordinator opens the draft in the editor, sees the Portuguese, publishes.
    page.goto(f"/admin/pages/{page_obj.pk}/edit/")
    # Title and introduction are translated from Spanish, the region's source language; the
    # body, written only in English, from the English readers fell back to.
    assert page.locator("input[name=title_pt]").input_value() == "[pt] Guía de seguridad"
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    page_obj.refresh_from_db()
    assert page_obj.title_pt == "[pt] Guía de seguridad"
    assert page_obj.intro_pt == "[pt] Cómo estar seguro en línea."
    assert not page_obj.has_unpublished_changes

    # Readers of /pt/ now read the Portuguese title, introduction and StreamField text.
    page.goto(public_url)
    main = page.locator("main").inner_text()
    for text in (
        "[pt] Guía de seguridad",
        "[pt] Cómo estar seguro en línea.",
        "[pt] Stay safe online",
        "[pt] Never your fault",
    ):
        assert text in main, text
    # The page now counts as translated in the report.
    page.goto("/admin/translations/?region=latam&language=pt&status=fallback")
    assert page.get_by_role("link", name="Guía de seguridad").count() == 0
