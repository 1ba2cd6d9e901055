"""Largest Contentful Paint per page type, measured in Debian's Chromium as Lighthouse's mobile
profile does: a 390×844 phone viewport, a slow 4G network (150 ms round trip, 1.6 Mbit/s down,
750 kbit/s up) and a CPU slowed 4× (Chrome DevTools Protocol throttling), cold cache.

The demo site is served by gunicorn (the production server) from a fresh SQLite database with
the demo content, in English, Arabic and Japanese. Prints, per page: the median LCP of three
cold loads, the LCP element, and the bytes transferred. Lighthouse scores LCP ≤ 2.5 s as good.

    python benchmarks/lcp.py            # every page type
    python benchmarks/lcp.py home help  # some
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request

from support import ROOT, setup_django

LANGUAGES = ["en", "ar", "ja"]
RUNS = 3
GOOD_MS = 2500
NAMES = [
    "home", "region", "standard", "library", "resource", "guide", "calendar", "month", "on the day",
    "by country", "event form", "event", "stories", "story form", "story", "help", "countries",
    "country help", "no-entry help", "editions", "packs", "pack",
]  # fmt: skip

# Lighthouse's "Slow 4G" mobile profile (lighthouse-core/config/constants.js, devtools throttling).
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
    "uploadThroughput": 750 * 1024 / 8,
}
CPU_SLOWDOWN = 4

OBSERVE_LCP = """
window.__lcp = null;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const el = entry.element;
    window.__lcp = {time: entry.startTime, size: entry.size,
      element: el ? (el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ")[0] : "")) : "?"};
  }
}).observe({type: "largest-contentful-paint", buffered: true});
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(selected: list[str]) -> int:
    import tempfile

    # One media folder for the loader (this process) and the server (a subprocess).
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="sid-lcp-media-"))
    setup_django()
    from django.core.management import call_command

    call_command("load_demo_content", verbosity=0)
    from tests.browser.test_every_page_axe import public_paths

    port = free_port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="sid.settings.test", ALLOWED_HOSTS="127.0.0.1")
    server = subprocess.Popen(  # noqa: S603 (our own gunicorn, fixed arguments)
        [sys.executable, "-m", "gunicorn", "sid.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)  # noqa: S310 (our own server)
                break
            except OSError:
                time.sleep(0.2)
        # Paths first: Django's ORM refuses to run inside Playwright's event loop.
        paths = {language: list(zip(NAMES, public_paths(language), strict=False)) for language in LANGUAGES}
        return measure(base, paths, selected)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()


def measure(base: str, paths: dict, selected: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    slow = []
    print(f"{'page':16} {'lang':4} {'LCP ms':>8} {'bytes':>9}  element")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for language in LANGUAGES:
            for name, path in paths[language]:
                if selected and name not in selected:
                    continue
                times, element, transferred = [], "?", 0
                for _ in range(RUNS):
                    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
                    page = context.new_page()
                    sizes = []
                    page.on("response", lambda response, sizes=sizes: sizes.append(_body_size(response)))
                    cdp = context.new_cdp_session(page)
                    cdp.send("Network.enable")
                    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                    cdp.send("Network.emulateNetworkConditions", NETWORK)
                    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
                    page.add_init_script(OBSERVE_LCP)
                    page.goto(base + path, wait_until="load")
                    page.wait_for_timeout(300)
                    lcp = page.evaluate("window.__lcp")
                    if lcp:
                        times.append(lcp["time"])
                        element = lcp["element"]
                    transferred = sum(sizes)
                    context.close()
                median = statistics.median(times) if times else float("nan")
                print(f"{name:16} {language:4} {median:8.0f} {transferred:9}  {element}")
                if not times or median > GOOD_MS:
                    slow.append(f"{name} ({language}): {median:.0f} ms")
        browser.close()
    for line in slow:
        print("OVER 2.5 s:", line)
    return 1 if slow else 0


def _body_size(response) -> int:
    try:
        return len(response.body())
    except Exception:  # noqa: BLE001 (redirects and aborted requests have no body)
        return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
