"""Sitemap index and sitemap sections at 100 and 40,000 pages: CPU ms, queries, bytes, peak
memory allocated while answering (tracemalloc): the index, the first section and the last
full one.

    .venv/bin/python benchmarks/sitemap.py [--large 40000]

Goal: a section costs the same at 100 and 40,000 pages.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
import tracemalloc

from support import bulk_child_pages, count_queries, setup_django

# Sections of 100 pages: at 100 pages the first section is already full, so the first
# section compares like with like (same pages) and the last full one shows the far end.
os.environ.setdefault("SID_SITEMAP_SECTION_PAGES", "100")
setup_django()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page  # noqa: E402

from sitecontent.models import HomePage, StandardPage  # noqa: E402


def cpu_ms(callable_, repeat=5):
    timings = []
    for _ in range(repeat):
        start = time.process_time()
        callable_()
        timings.append(time.process_time() - start)
    return statistics.median(timings) * 1000


def figures(client, path):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    queries, _ = count_queries(lambda: client.get(path))
    tracemalloc.start()
    client.get(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "cpu_ms": cpu_ms(lambda: client.get(path)),
        "queries": queries,
        "bytes": len(response.content),
        "peak_mb": peak / 1e6,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--large", type=int, default=40_000)
    args = parser.parse_args()
    os.environ.setdefault("SID_ALLOW_DEMO_CONTENT", "1")
    call_command("load_demo_content", verbosity=0, stdout=io.StringIO())
    home = HomePage.objects.first()
    client = Client()
    host = {"HTTP_HOST": "127.0.0.1"}
    client.defaults.update(host)
    results = {}
    total = Page.objects.count()
    for target in (100, args.large):
        if total < target:
            bulk_child_pages(
                home, StandardPage, target - total, lambda n: {"title_fr": f"Page {n} fr", "slug_fr": f"page-fr-{n}"}
            )
            total = Page.objects.count()
        from sitecontent.views import sitemaps

        sections = sitemaps.sections(home.get_site())
        last_full = f"/sitemaps/pages-{sections[-2 if len(sections) > 1 else -1]['number']}.xml"
        results[target] = {
            "index": figures(client, "/sitemap.xml"),
            "section": figures(client, "/sitemaps/pages-1.xml"),
            "last": figures(client, last_full),
            "sections": len(sections),
        }
    print(
        f"Sitemap (pages per section: {sitemaps.section_size()}; CPU ms median of 5; peak = Python allocations while answering)"
    )
    print(f"{'pages':>8} {'what':8} {'CPU ms':>8} {'queries':>8} {'bytes':>10} {'peak MB':>8}")
    for target, row in results.items():
        for what in ("index", "section", "last"):
            f = row[what]
            print(f"{target:>8} {what:8} {f['cpu_ms']:8.1f} {f['queries']:8d} {f['bytes']:10d} {f['peak_mb']:8.2f}")
    small, large = results[100]["section"], results[args.large]["section"]
    print(
        f"section growth {args.large} vs 100 pages: CPU x{large['cpu_ms'] / small['cpu_ms']:.2f}, queries {small['queries']} -> {large['queries']}"
    )
    print(f"sections at {args.large} pages: {results[args.large]['sections']}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
