"""Bytes a visitor downloads per page type of the demo site: HTML, CSS and JavaScript before
images, then images (the logo, covers, pictures), in English, Arabic and Japanese.

Targets: the home page under 150 KB before images; help pages under 30 KB.
The targets apply to transferred bytes (HTML, CSS and JavaScript gzipped, as whitenoise and
the web server send them); uncompressed bytes (what a phone parses) are printed beside them. Every byte is served by the
site itself: a reference to another origin is reported as an error.

    python benchmarks/page_weight.py
"""

from __future__ import annotations

import gzip
import re
import sys
from urllib.parse import urlparse

from support import setup_django

LIMITS = {"home": 150 * 1024, "help": 30 * 1024, "country help": 30 * 1024}
LANGUAGES = ["en", "ar", "ja"]


def main() -> int:
    setup_django()
    from django.conf import settings
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    call_command("load_demo_content", verbosity=0)
    from tests.browser.test_every_page_axe import public_paths

    client = Client()
    cache: dict[str, int] = {}
    zipped_cache: dict[str, int] = {}

    def asset_bytes(url: str) -> bytes:
        parsed = urlparse(url)
        if parsed.netloc and parsed.netloc != "testserver":
            raise SystemExit(f"third-party request: {url}")
        path = parsed.path
        if path.startswith(settings.STATIC_URL):
            found = finders.find(path[len(settings.STATIC_URL) :])
            return open(found, "rb").read() if found else b""
        response = client.get(path)
        return b"".join(response.streaming_content) if response.streaming else response.content

    def asset_size(url: str) -> int:
        if url not in cache:
            content = asset_bytes(url)
            cache[url] = len(content)
            zipped_cache[url] = len(gzip.compress(content))
        return cache[url]

    def asset_zipped(url: str) -> int:
        asset_size(url)
        return zipped_cache[url]

    names = [
        "home", "region", "standard", "library", "resource", "guide", "calendar", "month", "on the day",
        "by country", "event form", "event", "stories", "story form", "story", "help", "countries",
        "country help", "no-entry help", "editions", "packs", "pack",
    ]  # fmt: skip
    failures = []
    print(
        f"{'page':16} {'lang':4} {'HTML':>8} {'CSS+JS':>8} {'before img':>10} "
        f"{'HTML gz':>8} {'CSS/JS gz':>9} {'sent':>8} {'images':>8}"
    )
    for language in LANGUAGES:
        for name, path in zip(names, public_paths(language), strict=False):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            html = response.content
            text = html.decode()
            assets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', text) + re.findall(
                r'<script src="([^"]+)"', text
            )
            styles = sum(asset_size(url) for url in assets)
            images = set(re.findall(r'<img[^>]+src="([^"]+)"', text))
            image_bytes = sum(asset_size(url) for url in images)
            before = len(html) + styles
            zipped = len(gzip.compress(html))
            styles_zipped = sum(asset_zipped(url) for url in assets)
            sent = zipped + styles_zipped
            print(
                f"{name:16} {language:4} {len(html):8} {styles:8} {before:10} "
                f"{zipped:8} {styles_zipped:9} {sent:8} {image_bytes:8}"
            )
            limit = LIMITS.get(name)
            if limit and sent > limit:
                failures.append(f"{name} ({language}): {sent} bytes transferred before images, limit {limit}")
    for failure in failures:
        print("OVER:", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
