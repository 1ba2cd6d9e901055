"""Library search quality and cost.

python benchmarks/library_search.py            # embedded default (temporary SQLite)
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sid_search_bench python benchmarks/library_search.py

Options: ``--quality-only``, ``--cost-only``.

Each run prints which Wagtail search backend the library used (it follows the database:
SQLite FTS5 on the embedded default, PostgreSQL full text with ``DATABASE_URL``).

1. The 24 teachers' searches (en, de, es, fr, ar, ja; ``tests/library/issue_searches.py``) on the
   demo library: how many found their item in the first three (found/24), and the time and
   queries of each search (the library query with facets, as the page runs it).
2. Quality: the demo library (``load_demo_content``) searched with the labelled query set
   (``tests/fixtures/search/queries.json``): success@3 and MRR per language, the tuning part
   and the held-out part printed separately, and the misses.
3. Cost: a search with filters on a library of 100 and of 10,000 resources (indexed as
   publishing indexes them): queries and median time of the library page, and growth.
"""

import statistics
import sys

from support import bulk_child_pages, count_queries, measure, setup_django

setup_django()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from sitecontent.library.quality import TOP, evaluate, load_queries, ranked_slugs  # noqa: E402
from sitecontent.library.search import search_backend  # noqa: E402
from tests.library.issue_searches import ISSUE_SEARCHES  # noqa: E402

VERBOSE = "-v" in sys.argv


def backend_name() -> str:
    backend = search_backend()
    return f"{type(backend).__module__}.{type(backend).__name__} on {connection.vendor}"


def issue_searches() -> None:
    expected = {(entry["language"], entry["q"]): set(entry["expect"]) for entry in load_queries()}
    found, timings, queries, misses = 0, [], [], []
    for language, q in ISSUE_SEARCHES:
        ranked_slugs(q, language)  # warm (vocabulary, content types)
        n, _ = count_queries(lambda q=q, language=language: ranked_slugs(q, language))
        seconds, ranked = measure(lambda q=q, language=language: ranked_slugs(q, language), repeat=3)
        timings.append(seconds)
        queries.append(n)
        if expected[(language, q)] & set(ranked[:TOP]):
            found += 1
        else:
            misses.append(f"{language} {q} → {ranked[:TOP]}")
    timings.sort()
    print(f"Teachers' searches on {backend_name()}: {found}/{len(ISSUE_SEARCHES)} found in the first {TOP}")
    print(
        f"  per search (library query with facets): median {statistics.median(timings) * 1000:.0f} ms,"
        f" slowest {timings[-1] * 1000:.0f} ms, queries {min(queries)}–{max(queries)}"
    )
    for miss in misses:
        print(f"  miss {miss}")


def quality() -> None:
    scores = evaluate(load_queries())
    print(f"Search quality on {backend_name()} (success@3 / MRR; n = queries)")
    print(f"{'language':10} {'tuning':>22} {'held out':>22}")
    for language in dict.fromkeys(code for code, _held in scores):
        cells = []
        for held in (False, True):
            score = scores.get((language, held))
            cells.append(f"{score.success:5.2f} / {score.mrr:4.2f} (n={score.queries:2})" if score else "-")
        print(f"{language:10} {cells[0]:>22} {cells[1]:>22}")
    for held in (False, True):
        part = [s for (_lang, h), s in scores.items() if h == held]
        found, total = sum(s.found for s in part), sum(s.queries for s in part)
        print(f"all, {'held out' if held else 'tuning'}: success@3 {found / total:.2f} ({found}/{total})")
    for (language, held), score in scores.items():
        for miss in score.misses:
            print(f"  miss [{language}{', held out' if held else ''}] {miss}")


def fill(index, size: int) -> None:
    """``size`` resources under ``index``, with the rows publishing writes (in bulk): facets,
    and the search documents, put into the search backend as publishing puts them."""
    from sitecontent.library.indexing import LISTED, write_documents, write_facets
    from sitecontent.models import LibraryFacet, ResourcePage

    words = ["grooming", "privacy", "scams", "cyberbullying"]

    def fields(n):
        return {
            "title": f"{words[n % 4].title()}: lesson plan {n}",
            "slug": f"bench-{size}-{n}",
            "summary": f"A ready lesson plan on {words[n % 4]}, with notes for teachers (number {n}).",
            "format": "lesson_plan",
            "age_bands": ["9-12"],
            "audiences": ["teachers"],
        }

    ids = bulk_child_pages(index, ResourcePage, size, fields)
    facets, texts = [], []
    for n, page_id in enumerate(ids):
        values = fields(n)
        for facet, value in (
            (LISTED, ""),
            ("format", "lesson_plan"),
            ("age", "9-12"),
            ("language", "en"),
            ("region", "eu"),
        ):
            facets.append(LibraryFacet(page_id=page_id, facet=facet, value=value, region="eu"))
        texts.append((page_id, "en", {"title": values["title"], "summary": values["summary"], "topics": words[n % 4]}))
    write_facets(facets)  # the facet rows and their kept counts
    write_documents(texts)
    if connection.vendor == "postgresql":
        # Fresh statistics, as autovacuum keeps them on a running site: right after a bulk
        # insert the planner believes each table holds one row and nests loops over 10,000.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def cost() -> None:
    from sitecontent.models import RegionPage
    from tests.library import factories as f

    region = RegionPage.objects.get(short_code="eu")
    results = {}
    for size in (100, 10_000):
        index = f.library(region, slug=f"bench-library-{size}")
        fill(index, size)
        client = Client()
        for label, query in (
            ("search + filters", "?q=groming+lessons&age=9-12&format=lesson_plan"),
            ("search, two words", "?q=privacy+lesson+plans"),
        ):
            url = index.get_url() + query
            assert client.get(url).status_code == 200
            queries, _ = count_queries(lambda url=url, client=client: client.get(url))
            seconds, response = measure(lambda url=url, client=client: client.get(url), repeat=5)
            assert response.status_code == 200, response.status_code
            results[(size, label)] = (queries, seconds)
            print(
                f"{size:>6} resources, {label}: {queries} queries, {seconds * 1000:.0f} ms"
                f" (library page, {backend_name()})"
            )
    for label in ("search + filters", "search, two words"):
        small, large = results[(100, label)], results[(10_000, label)]
        print(f"growth 100 → 10,000 ({label}): queries {small[0]} → {large[0]}, time ×{large[1] / small[1]:.2f}")


if __name__ == "__main__":
    call_command("load_demo_content", verbosity=0)
    if "--cost-only" not in sys.argv:
        issue_searches()
        quality()
    if "--quality-only" not in sys.argv:
        cost()
