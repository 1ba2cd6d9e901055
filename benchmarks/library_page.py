"""Library page cost at 100 and 10,000 resources: queries must not grow, render time printed.

python benchmarks/library_page.py

Resources are created in bulk (with the facet and search rows publishing would write), in
two regions' libraries; each library page is fetched unfiltered, with filters + search, and
with filters + a teacher's selection of 40 items (``pick=`` ids) and the build confirmation.
"""

from support import bulk_child_pages, count_queries, measure, setup_django

setup_django()

from django.test import Client  # noqa: E402

from sitecontent.models import LibraryFacet, LibrarySearchText, ResourceIndexPage, ResourcePage  # noqa: E402
from tests.factories import build_site_tree  # noqa: E402
from tests.library import factories as f  # noqa: E402

TOPICS = ["grooming", "privacy", "scams", "cyberbullying"]
AGES = ["5-8", "9-12", "13-15", "16-18"]
FORMATS = ["lesson_plan", "poster", "activity", "quiz"]


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
            ("topic", TOPICS[n % 4]),
            ("age", AGES[n % 4]),
            ("format", FORMATS[n % 4]),
            ("audience", "teachers"),
            ("language", "en"),
            ("region", region_code),
        ):
            facets.append(LibraryFacet(page_id=page_id, facet=facet, value=value))
        if n % 2 == 0:  # half exist in French too
            facets.append(LibraryFacet(page_id=page_id, facet="language", value="fr"))
            texts.append(
                LibrarySearchText(page_id=page_id, language="fr", text=f"ressource {n} résumé {n} sur la confiance")
            )
        texts.append(LibrarySearchText(page_id=page_id, language="en", text=f"resource {n} summary {n}"))
    LibraryFacet.objects.bulk_create(facets, batch_size=2000)
    LibrarySearchText.objects.bulk_create(texts, batch_size=2000)
    return ids


def main():
    tree = build_site_tree()
    for name, slug in (
        ("grooming", "grooming"),
        ("privacy", "privacy"),
        ("scams", "scams"),
        ("cyberbullying", "cyberbullying"),
    ):
        f.topic(slug, {"en": name.title()})
    client = Client()
    print(f"{'resources':>10} {'view':>10} {'queries':>8} {'median ms':>10} {'results':>8}")
    for size, code, slug in ((100, "eu", "europe"), (10_000, "latam", "latin-america")):
        index = f.library(tree.regions[code], "Library", slug="library")
        assert isinstance(index, ResourceIndexPage)
        ids = fill(index, code, size)
        picks = "&".join(f"pick={pk}" for pk in ids[:40])
        for label, query in (
            ("all", ""),
            ("filtered", "?topic=grooming&age=5-8&language=fr&q=confiance"),
            ("40 picked", f"?topic=grooming&build=1&{picks}"),
        ):
            url = f"/fr/{slug}/library/{query}"
            assert client.get(url).status_code == 200, url
            queries, response = count_queries(lambda url=url: client.get(url))
            total = response.content.decode().split('id="results-heading">', 1)[1].split(" ", 1)[0]
            seconds, _ = measure(lambda url=url: client.get(url), repeat=7)
            print(f"{size:>10} {label:>10} {queries:>8} {seconds * 1000:>10.1f} {total:>8}")


if __name__ == "__main__":
    main()
