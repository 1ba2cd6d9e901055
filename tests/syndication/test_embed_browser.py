"""An embed on a partner's page, in Chromium: another origin (a second local port, a plain
static HTTP server) frames the calendar with the generator's snippet; the embed renders in
its language, the frame takes its content's height through postMessage (/embed.js), no
cookie is set, and a page that is not an embed refuses to be framed (X-Frame-Options DENY).
"""

from __future__ import annotations

import datetime
import functools
import threading
import zoneinfo
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.events.factories import EventCalendarPageFactory, make_event
from tests.factories import build_site_tree

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INITIAL_HEIGHT = 120  # far less than the list: the script must grow the frame


@pytest.fixture
def calendar_site(transactional_db):
    tree = build_site_tree()
    calendar = EventCalendarPageFactory(parent=tree.regions["eu"], title="Events", slug="events")
    start = datetime.datetime(2027, 2, 9, 10, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
    for number in range(5):
        make_event(
            calendar,
            title=f"Atelier {number}",
            slug=f"atelier-{number}",
            start=start + datetime.timedelta(days=number),
            end=start + datetime.timedelta(days=number, hours=2),
        )
    return tree


@pytest.fixture
def partner_site(tmp_path, live_server):
    """A national site on another origin: a static page holding the snippet."""
    page = f"""<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Centre national</title></head>
<body>
<h1>Notre calendrier</h1>
<iframe src="{live_server.url}/fr/embed/calendar/?region=eu"
        title="Calendrier des événements"
        width="100%"
        height="{INITIAL_HEIGHT}"
        style="border: 0; width: 100%;"
        data-sid-embed></iframe>
<script src="{live_server.url}/embed.js" async></script>
<iframe id="not-an-embed" src="{live_server.url}/fr/europe/" title="Pas un widget" height="100"></iframe>
</body>
</html>"""
    (tmp_path / "index.html").write_text(page, encoding="utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_embed_renders_and_resizes_on_another_origin(calendar_site, partner_site, browser, live_server):
    assert not live_server.url.startswith(partner_site)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.set_default_timeout(15_000)
    allowed = (live_server.url, partner_site, "data:", "about:", "chrome-error:")
    external = []

    def refuse(route):
        external.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(allowed), refuse)
    page = context.new_page()
    try:
        page.goto(partner_site + "/index.html")
        embed = page.frame_locator("iframe[data-sid-embed]")
        items = embed.locator(".embed__item-title a")
        items.first.wait_for()
        assert items.count() == 5
        assert items.first.inner_text().startswith("Atelier 0")
        assert embed.locator("html").get_attribute("lang") == "fr"
        # The frame grows to its content's height (postMessage → /embed.js).
        frame = page.locator("iframe[data-sid-embed]")
        page.wait_for_function(
            f"() => document.querySelector('iframe[data-sid-embed]').getBoundingClientRect().height > {INITIAL_HEIGHT}"
        )
        content_height = embed.locator("html").evaluate("(html) => html.scrollHeight")
        frame_height = frame.evaluate("(element) => element.getBoundingClientRect().height")
        assert abs(frame_height - content_height) <= 2, (frame_height, content_height)
        # The content grows taller (a block added inside the embed, as a longer list or a wrap at
        # another width would), and so does the frame: whether short titles wrap at a narrower
        # width depends on the language's words, so the test changes the height directly.
        embed.locator("main").evaluate(
            "(main) => { const block = document.createElement('div'); block.style.height = '300px'; main.append(block); }"
        )
        page.wait_for_function(
            f"() => document.querySelector('iframe[data-sid-embed]').getBoundingClientRect().height > {frame_height}"
        )
        # A page that is not an embed is not shown in a frame (X-Frame-Options: DENY).
        others = [f.url for f in page.frames if f != page.main_frame and "/embed/" not in f.url]
        assert others and all(url.startswith("chrome-error:") for url in others), others
        # No cookie was set by the site in the frame.
        assert context.cookies(live_server.url) == []
    finally:
        context.close()
    assert not external, f"The page requested other origins: {external}"
