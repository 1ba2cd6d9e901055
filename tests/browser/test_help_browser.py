"""The help pages (campaign.helplines) in a real browser: the no-JavaScript flow, the quick exit, axe-core.

Lives beside the harness, not in tests/help/: a second copy of the session-wide ``browser``
fixture would start a second Playwright loop in the same thread, which Playwright refuses.
"""

from __future__ import annotations

import pytest

from campaign.helplines.demo import demo_countries, load_entry
from tests.factories import build_site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "https://neutral.example.org/"
NEUTRAL_PAGE = "<!doctype html><html lang=en><title>Weather</title><h1>Weather</h1></html>"


@pytest.fixture
def help_site(transactional_db, settings):
    settings.HELPLINES_QUICK_EXIT_URL = NEUTRAL
    tree = build_site_tree()
    for code in demo_countries():
        load_entry(code)
    return tree


def new_context(browser, live_server, *, javascript: bool):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=javascript, viewport={"width": 390, "height": 844}
    )
    # The neutral site is served locally: tests never reach the internet.
    context.route(NEUTRAL + "**", lambda route: route.fulfill(status=200, content_type="text/html", body=NEUTRAL_PAGE))
    context.set_default_timeout(15_000)
    return context


def test_no_javascript_two_taps_then_remembered(help_site, browser, live_server):
    context = new_context(browser, live_server, javascript=False)
    page = context.new_page()
    try:
        page.goto("/fr/europe/guide/")
        assert page.locator("html").get_attribute("class") == "no-js"
        control = page.locator("a.help-control")
        assert control.is_visible()
        control.click()  # tap 1
        page.locator(".help-countries a", has_text="France").first.click()  # tap 2
        page.wait_for_url("**/fr/help/fr/")
        call = page.locator('a[href="tel:3018"]')
        assert call.is_visible()
        cookies = {c["name"]: c for c in context.cookies()}
        assert set(cookies) == {"sid_help_country"}
        assert cookies["sid_help_country"]["value"] == "FR"
        assert cookies["sid_help_country"]["sameSite"] == "Lax"
        # Next time, one tap from any page.
        page.goto("/fr/")
        page.locator("a.help-control").click()
        assert page.locator('a[href="tel:3018"]').is_visible()
        # The picker form works without JavaScript too, for any country.
        page.goto("/fr/help/countries/")
        page.select_option("#id_country", "US")
        page.locator(".help-picker button").click()
        page.wait_for_url("**/fr/help/us/")
        assert page.locator('a[href^="https://childhelplineinternational.org"]').first.is_visible()
        # A forgotten choice shows a clear error, not a blank page.
        page.goto("/fr/help/countries/")
        page.locator(".help-picker button").click()
        assert page.locator(".help-errors").is_visible()
        assert page.locator("#id_country").get_attribute("aria-invalid") == "true"
    finally:
        context.close()


def test_quick_exit_without_javascript_is_a_plain_link(help_site, browser, live_server):
    context = new_context(browser, live_server, javascript=False)
    page = context.new_page()
    try:
        page.goto("/en/help/de/")
        page.locator("a.quick-exit").click()
        page.wait_for_url(NEUTRAL)
        assert page.locator("h1").inner_text() == "Weather"
    finally:
        context.close()


def test_quick_exit_replaces_history(help_site, browser, live_server):
    context = new_context(browser, live_server, javascript=True)
    page = context.new_page()
    try:
        page.goto("/en/")
        page.goto("/en/help/de/")
        page.locator("a.quick-exit").click()
        page.wait_for_url(NEUTRAL)
        page.go_back()
        page.wait_for_load_state()
        # "Back" skips the help page: it was replaced in the history.
        assert page.url == f"{live_server.url}/en/"
    finally:
        context.close()


@pytest.mark.parametrize(
    "path", ["/en/help/fr/", "/ar/help/eg/", "/ar/help/?region=eu", "/fr/help/choose/?country=XX", "/sw/help/us/"]
)
def test_help_pages_pass_axe(help_site, browser_page, axe_check, path):
    browser_page.goto(path)
    axe_check(browser_page)
    # The quick exit replaces the help control on help pages, and is large enough to tap (44px).
    assert browser_page.locator("a.help-control").count() == 0
    box = browser_page.locator("a.quick-exit").bounding_box()
    assert box and box["height"] >= 44
