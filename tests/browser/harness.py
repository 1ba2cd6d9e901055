"""Browser tests: Debian's headless Chromium driven by Playwright, with axe-core.

Run with ``make test-browser`` (``pytest -m browser``). No tool downloads a browser: the
executable is /usr/bin/chromium (apt package ``chromium``) and axe-core comes from npm
(``npm ci``). Missing either fails the run with a clear message; nothing skips.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = Path(os.environ.get("SID_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"]
AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture(scope="session")
def browser():
    # Playwright's sync API runs an event loop in this thread; the ORM calls that tests make
    # between browser steps are ordinary synchronous calls, so allow them (browser runs only).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def submit(page, selector):
    """Click a button that submits a form and wait until the next page has loaded.

    A click returns once the navigation has started; reading the page before the next
    one has loaded sees an empty or half-parsed document (CI once read no results so).
    """
    with page.expect_navigation(wait_until="load"):
        page.click(selector)


@pytest.fixture
def browser_context_options():
    """Override in a test module to change viewport, locale, JavaScript, …"""
    return {"viewport": {"width": 390, "height": 844}}


@pytest.fixture
def browser_page(browser, live_server, browser_context_options):
    context = browser.new_context(base_url=live_server.url, **browser_context_options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    external = []

    def refuse_other_origins(route):
        # The site serves everything itself; a request elsewhere is a bug, and fails.
        external.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(live_server.url) and not url.startswith("data:"), refuse_other_origins)
    yield page
    context.close()
    assert not external, f"The page requested other origins: {external}"


@pytest.fixture
def axe_check():
    """``axe_check(page)`` runs axe-core and fails on serious or critical violations."""
    if not AXE_PATH.exists():
        pytest.fail(f"{AXE_PATH} is missing: run `npm ci` to install axe-core for the browser tests.")
    source = AXE_PATH.read_text()

    def run(page, *, context=None):
        # Evaluated by the browser's DevTools protocol, not as an inline <script> tag: the
        # site's Content-Security-Policy refuses inline scripts (sid.security_headers).
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(f"(() => {{ {source}\n }})()")
        results = page.evaluate("(context) => axe.run(context || document)", context)
        blocking = [v for v in results["violations"] if v.get("impact") in BLOCKING_IMPACTS]
        summary = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in blocking
        ]
        assert not blocking, "axe-core found serious/critical violations:\n" + "\n".join(summary)
        return results

    return run
