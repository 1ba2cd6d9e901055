"""Home page in English and Arabic in a real browser: mirrored layout, no axe violations."""

import pytest

from tests.factories import build_site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tree(transactional_db):
    return build_site_tree()


def _box(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not visible"
    return box


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 1280, "height": 900}}


def test_home_in_english_and_arabic_mirrors_layout_and_passes_axe(tree, browser_page, axe_check):
    page = browser_page
    page.goto("/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Safer Internet Day"
    axe_check(page)
    brand_en = _box(page, ".site-brand")
    switcher_en = _box(page, ".language-switcher summary")
    assert brand_en["x"] < switcher_en["x"], "in English the brand sits left of the language switcher"

    page.goto("/ar/")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("h1").inner_text() == "يوم الإنترنت الآمن"
    axe_check(page)
    brand_ar = _box(page, ".site-brand")
    switcher_ar = _box(page, ".language-switcher summary")
    assert brand_ar["x"] > switcher_ar["x"], "in Arabic the layout is mirrored"


def test_language_switcher_works_without_javascript(tree, browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/fr/")
        assert page.locator("html").get_attribute("class") == "no-js"
        page.locator(".language-switcher summary").click()
        page.locator(".language-switcher a[hreflang='ar']").click()
        page.wait_for_url("**/ar/")
        assert page.locator("html").get_attribute("dir") == "rtl"
    finally:
        context.close()


def test_switch_language_on_a_region_page(tree, browser_page, axe_check):
    page = browser_page
    page.goto("/en/latin-america/")
    page.locator(".language-switcher summary").click()
    page.locator(".language-switcher a[hreflang='es']").click()
    page.wait_for_url("**/es/america-latina/")
    assert page.locator("h1").inner_text() == "América Latina"
    axe_check(page)
