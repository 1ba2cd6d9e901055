"""Weight of the help pages: HTML + CSS bytes, for several countries and languages.

Target: under 30 KB of HTML and CSS, no images, so the page loads on a poor mobile
connection. Counts uncompressed bytes (what a phone must parse) and shows gzip for reference.

    python benchmarks/help_page.py
"""

from __future__ import annotations

import gzip
import re
import sys

from support import setup_django

LIMIT = 30 * 1024
COUNTRIES = ["fr", "de", "br", "jp", "eg", "ke", "in", "us"]  # "us": no entry, international fallbacks
LANGUAGES = ["en", "fr", "es", "ar", "zh-hans", "hi", "sw"]


def main() -> int:
    setup_django()
    from django.contrib.staticfiles import finders
    from django.test import Client

    from campaign.helplines.demo import demo_countries, load_entry

    for code in demo_countries():
        load_entry(code)
    client = Client()

    def weigh(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content
        css = b""
        for href in re.findall(rb'<link rel="stylesheet" href="/static/([^"]+)"', html):
            css += open(finders.find(href.decode()), "rb").read()
        images = len(re.findall(rb"<img|<svg|<picture|background-image", html + css))
        return len(html), len(css), len(gzip.compress(html)) + len(gzip.compress(css)), images

    rows = []
    for language in LANGUAGES:
        for country in COUNTRIES:
            rows.append((f"/{language}/help/{country}/", *weigh(f"/{language}/help/{country}/")))
        rows.append((f"/{language}/help/?region=eu", *weigh(f"/{language}/help/?region=eu")))
        rows.append((f"/{language}/help/countries/", *weigh(f"/{language}/help/countries/")))

    print(f"{'page':32} {'HTML':>7} {'CSS':>7} {'total':>7} {'gzip':>6} images")
    for url, html, css, gz, images in rows:
        flag = "" if html + css < LIMIT and not images else "  <-- OVER"
        print(f"{url:32} {html:7d} {css:7d} {html + css:7d} {gz:6d} {images:6d}{flag}")
    country_pages = [r for r in rows if "?" not in r[0] and "countries" not in r[0]]
    heaviest_country = max(country_pages, key=lambda r: r[1] + r[2])
    heaviest = max(rows, key=lambda r: r[1] + r[2])
    print()
    print(
        f"country help page, heaviest: {heaviest_country[0]} {(heaviest_country[1] + heaviest_country[2]) / 1024:.1f} KB"
    )
    print(
        f"any help page, heaviest:     {heaviest[0]} {(heaviest[1] + heaviest[2]) / 1024:.1f} KB (limit {LIMIT // 1024} KB)"
    )
    print(f"images on any help page:     {sum(r[4] for r in rows)}")
    over = [r for r in rows if r[1] + r[2] >= LIMIT or r[4]]
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
