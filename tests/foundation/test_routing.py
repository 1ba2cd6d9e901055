"""Routing finds a child in one indexed query: cost does not grow with the number of siblings."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import StandardPageFactory, translated


def _serve_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return queries


def _add_siblings(parent, count, start=0):
    for number in range(start, start + count):
        StandardPageFactory(parent=parent, title=f"Sibling {number}", slug=f"sibling-{number}")


@pytest.mark.django_db
def test_detail_page_query_count_does_not_grow_with_siblings(client, site_tree):
    region = site_tree.regions["eu"]
    target = StandardPageFactory(parent=region, title="Target", slug="target")
    translated(target, {"fr": {"title": "Cible", "slug": "cible"}})
    _add_siblings(region, 3)
    client.get("/fr/europe/cible/")  # warm per-process caches (site root paths)
    small = _serve_queries(client, "/fr/europe/cible/")
    _add_siblings(region, 30, start=100)
    large = _serve_queries(client, "/fr/europe/cible/")
    assert len(small) == len(large), [q["sql"] for q in large.captured_queries]
    # No query fetched the whole list of children.
    child_lookups = [q["sql"] for q in large.captured_queries if '"wagtailcore_page"."slug_fr" = ' in q["sql"]]
    assert child_lookups and all("LIMIT 1" in sql for sql in child_lookups)


@pytest.mark.django_db
def test_slug_fallback_follows_the_chain(client, site_tree):
    region = site_tree.regions["latam"]
    page = StandardPageFactory(parent=region, title="Resources", slug="resources")
    translated(page, {"es": {"title": "Recursos", "slug": "recursos"}})
    assert b"Recursos" in client.get("/es/america-latina/recursos/").content
    # Portuguese has no slug: it reads the default-language slug, like page.url does.
    response = client.get("/pt/america-latina/resources/")
    assert response.status_code == 200
    assert client.get("/es/america-latina/resources/").status_code == 404
    # Unpublished pages are not served.
    page.unpublish()
    assert client.get("/es/america-latina/recursos/").status_code == 404
