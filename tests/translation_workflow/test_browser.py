"""A Latin-American coordinator, in a real browser: export Portuguese, import it, publish.

Axe-core checks the translation screens (the content area the workflow renders).
"""

from __future__ import annotations

import pytest
from translate.storage import xliff

from tests.factories import PASSWORD

from .factories import guide_page, translate_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 1280, "height": 900}, "accept_downloads": True}


def test_coordinator_round_trip_in_the_admin(site_tree, browser_page, axe_check, tmp_path):  # noqa: F811
    page_obj = guide_page(site_tree.regions["latam"])
    page = browser_page
    page.goto("/admin/login/")
    page.fill("input[name=username]", "latam-coordinator")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")

    page.goto("/admin/translations/?region=latam&language=pt")
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

    store = xliff.xlifffile.parsestring(exported.read_bytes())
    for unit in store.units:
        unit.target = translate_text(unit.source, "pt")
    translated = tmp_path / "translated.xlf"
    translated.write_bytes(bytes(store))

    page.goto("/admin/translations/import/")
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

    page_obj.refresh_from_db()
    assert not page_obj.title_pt  # still a draft
    page.goto(f"/admin/pages/{page_obj.pk}/edit/")
    page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    page_obj.refresh_from_db()
    assert page_obj.title_pt == "[pt] Safety guide"
