"""The Content-Security-Policy breaks nothing (sid.security_headers): public pages in three
languages and the admin (dashboard, page explorer, page editor, image listing) load in
Chromium without one CSP violation, reported by the browser itself."""

import pytest
from django.test import Client

from tests.factories import build_site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Injected by Playwright before any page script (exempt from the page's policy): every
#: violation the browser reports is kept on the window.
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__csp.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def tree(transactional_db):
    return build_site_tree()


@pytest.fixture
def browser_context_options():
    return {"viewport": {"width": 1280, "height": 900}}


def visit(page, url, console):
    response = page.goto(url)
    assert response is not None and response.status < 400, url
    assert response.headers.get("content-security-policy"), url
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__csp")
    refused = [text for text in console if "Content Security Policy" in text or "Refused to" in text]
    assert not violations and not refused, f"{url}: {violations} {refused}"


def test_public_pages_and_the_admin_load_without_csp_violations(tree, browser_page, live_server):
    page = browser_page
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.context.add_init_script(LISTEN)
    europe = tree.regions["eu"]
    for url in ("/en/", "/ar/", "/ja/", europe.get_url()):
        visit(page, url, console)
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand')").strip()

    # The admin, signed in as Europe's coordinator (a session made by Django's test client).
    client = Client()
    client.force_login(tree.users["eu-coordinator"])
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    for url in ("/admin/", f"/admin/pages/{europe.pk}/", f"/admin/pages/{europe.pk}/edit/", "/admin/images/"):
        visit(page, url, console)
    assert page.locator("main, #main").first.is_visible()

    # The listener does catch what the policy refuses: an inline script added to a public page.
    page.goto("/en/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1'; document.head.append(s); }"
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("window.ran") is None
