"""Library page cost at 100 and 10,000 resources: queries must not grow, CPU should not either.

python benchmarks/library_page.py             # embedded default (temporary SQLite)
DATABASE_URL=postgres://postgres@127.0.0.1:5432/sid_library_bench python benchmarks/library_page.py

Resources are created in bulk with the facet and search rows publishing writes (facets,
search text, weighted terms), in two regions' libraries; each library page is fetched
unfiltered, with filters + search, with a word found in one document, and with filters + a teacher's selection of 40 items
(``pick=`` ids) and the build confirmation. Printed per view: queries, median CPU time of
this process (with SQLite the database works inside it; with PostgreSQL it does not, see
the wall time) and median wall time, then the growth from 100 to 10,000 (goal: queries
equal and at most 12, CPU at most ×1.3).
"""

import sys
import time

from support import bulk_child_pages, count_queries, cpu_and_wall, setup_django

setup_django()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from sitecontent.library.indexing import LISTED, write_documents, write_facets  # noqa: E402
from sitecontent.models import LibraryFacet, ResourceIndexPage, ResourcePage  # noqa: E402
from tests.factories import build_site_tree  # noqa: E402
from tests.library import factories as f  # noqa: E402

TOPICS = ["grooming", "privacy", "scams", "cyberbullying"]
AGES = ["5-8", "9-12", "13-15", "16-18"]
FORMATS = ["lesson_plan", "poster", "activity", "quiz"]
SIZES = (100, 10_000)
VIEWS = (
    ("all", ""),
    ("filtered+search", "?topic=grooming&age=5-8&language=fr&q=confiance"),
    # A word in one document only: what a search costs when its matches are few.
    ("one-match search", "?q=42"),
    ("40 picked", "?topic=grooming&build=1&{picks}"),
)


def fill(index, region_code: str, size: int) -> list[int]:
    def fields(n):
        return {
            "title": f"Resource {n}",
            "slug": f"resource-{n}",
            "title_fr": f"Ressource {n}",
            "slug_fr": f"ressource-{n}",
            "summary": f"Summary {n}",
            "summary_en": f"Summary {n}",
            "summary_fr": f"Résumé {n} sur la confiance",
            "format": FORMATS[n % 4],
            "age_bands": [AGES[n % 4]],
            "audiences": ["teachers"],
        }

    ids = bulk_child_pages(index, ResourcePage, size, fields)
    facets, texts = [], []
    for n, page_id in enumerate(ids):
        for facet, value in (
            (LISTED, ""),  # every indexed item has it (sitecontent.library.indexing)
            ("topic", TOPICS[n % 4]),
            ("age", AGES[n % 4]),
            ("format", FORMATS[n % 4]),
            ("audience", "teachers"),
            ("language", "en"),
            ("region", region_code),
        ):
            facets.append(LibraryFacet(page_id=page_id, facet=facet, value=value, region=region_code))
        own = {"en": {"title": f"Resource {n}", "summary": f"Summary {n}", "topics": TOPICS[n % 4]}}
        if n % 2 == 0:  # half exist in French too
            facets.append(LibraryFacet(page_id=page_id, facet="language", value="fr", region=region_code))
            own["fr"] = {"title": f"Ressource {n}", "summary": f"Résumé {n} sur la confiance", "topics": TOPICS[n % 4]}
        # The documents publishing writes (sitecontent.library.indexing), so a search finds them.
        texts += [(page_id, code, text) for code, text in own.items()]
    write_facets(facets)  # the facet rows and their kept counts, as publishing writes them
    write_documents(texts)
    if connection.vendor == "postgresql":
        # Fresh statistics and visibility maps (index-only scans), as autovacuum keeps them.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return ids


def main():
    started = time.perf_counter()
    tree = build_site_tree()
    for slug in TOPICS:
        f.topic(slug, {"en": slug.title()})
    client = Client()
    figures = {}
    print(f"Library page on {connection.vendor}")
    print(f"{'resources':>10} {'view':>16} {'queries':>8} {'CPU ms':>8} {'wall ms':>8} {'results':>8}")
    for size, code, slug in zip(SIZES, ("eu", "latam"), ("europe", "latin-america"), strict=True):
        index = f.library(tree.regions[code], "Library", slug="library")
        assert isinstance(index, ResourceIndexPage)
        seeding = time.perf_counter()
        ids = fill(index, code, size)
        print(f"  ({size} resources seeded in {time.perf_counter() - seeding:.1f} s)", file=sys.stderr)
        picks = "&".join(f"pick={pk}" for pk in ids[:40])
        for label, query in VIEWS:
            url = f"/fr/{slug}/library/{query.format(picks=picks)}"
            assert client.get(url).status_code == 200, url
            queries, response = count_queries(lambda url=url: client.get(url))
            total = response.content.decode().split('id="results-heading">', 1)[1].split(" ", 1)[0]
            cpu, wall = cpu_and_wall(lambda url=url: client.get(url))
            figures[(size, label)] = (queries, cpu, wall)
            print(f"{size:>10} {label:>16} {queries:>8} {cpu * 1000:>8.1f} {wall * 1000:>8.1f} {total:>8}")
    small, large = SIZES
    print(f"growth {small:,} → {large:,} (goal: same queries, at most 12; CPU at most ×1.3)")
    for label, _query in VIEWS:
        (q1, c1, w1), (q2, c2, w2) = figures[(small, label)], figures[(large, label)]
        print(f"  {label:>16}: queries {q1} → {q2}, CPU ×{c2 / c1:.2f}, wall ×{w2 / w1:.2f}")
    print(f"(whole run {time.perf_counter() - started:.0f} s after migrating)", file=sys.stderr)


if __name__ == "__main__":
    main()
