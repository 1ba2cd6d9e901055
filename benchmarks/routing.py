"""Detail-page cost at 100 and 10,000 siblings: queries and render time must not grow.

python benchmarks/routing.py
"""

from support import bulk_child_pages, count_queries, measure, setup_django

setup_django()

from django.test import Client  # noqa: E402

from sitecontent.models import StandardPage  # noqa: E402
from tests.factories import StandardPageFactory, build_site_tree  # noqa: E402


def main():
    tree = build_site_tree()
    client = Client()
    print(f"{'siblings':>10} {'queries':>8} {'median ms':>10}  (GET /fr/<region>/<index>/<last child>/)")
    for size in (100, 10_000):
        index = StandardPageFactory(parent=tree.regions["eu"], title=f"Index {size}", slug=f"index-{size}")
        ids = bulk_child_pages(
            index,
            StandardPage,
            size,
            lambda n: {
                "title": f"Story {n}",
                "slug": f"story-{n}",
                "title_fr": f"Histoire {n}",
                "slug_fr": f"histoire-{n}",
            },
        )
        url = f"/fr/europe/index-{size}/histoire-{len(ids) - 1}/"
        assert client.get(url).status_code == 200, url
        queries, response = count_queries(lambda url=url: client.get(url))
        assert response.status_code == 200 and b"Histoire" in response.content
        seconds, _ = measure(lambda url=url: client.get(url), repeat=15)
        print(f"{size:>10} {queries:>8} {seconds * 1000:>10.1f}")


if __name__ == "__main__":
    main()
