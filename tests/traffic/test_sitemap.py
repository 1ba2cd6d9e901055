"""The sitemap index and its sections: every public page in its languages, split by id blocks,
each section costing the same number of queries however large the site."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import StandardPageFactory, build_site_tree
from tests.sitemap_reader import NS, section_paths, sitemap_entries, sitemap_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    return build_site_tree()


def page_sections(client) -> list[str]:
    """The index's sections of pages (its last entry is the section of views: help, editions, packs)."""
    paths = section_paths(client)
    assert paths[-1] == "/sitemaps/views.xml"
    return paths[:-1]


def locations(client) -> list[str]:
    return [entry.find("s:loc", NS).text for entry in sitemap_entries(client)]


def test_index_lists_sections_and_sections_list_every_public_page(client, tree, settings):
    settings.SID_SITEMAP_SECTION_PAGES = 3
    unpublished = tree.pages["eu"]
    unpublished.unpublish()
    paths = page_sections(client)
    assert len(paths) >= 2 and all(path.startswith("/sitemaps/pages-") for path in paths)
    found = locations(client)
    assert "http://testserver/fr/" in found and "http://testserver/ar/" in found
    assert "http://testserver/es/america-latina/" in found
    assert "http://testserver/zh-hans/asia-pacific/" in found
    assert "http://testserver/ja/" not in found  # the home page has no Japanese title
    assert not any("/europe/guide/" in location for location in found)
    assert len(found) == len(set(found))
    entries = sitemap_entries(client)
    assert all(entry.find("x:link[@hreflang='x-default']", NS) is not None for entry in entries)
    # robots.txt names the index.
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_a_missing_or_empty_section_is_not_found(client, tree):
    assert client.get("/sitemaps/pages-999999.xml").status_code == 404
    assert client.get("/sitemaps/pages-0.xml").status_code == 404
    assert client.get("/sitemaps/pages-x.xml").status_code == 404


def test_sitemap_is_shared_and_the_same_in_every_language(client, tree):
    plain = client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="fr")
    other = client.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="ja")
    assert plain.content == other.content
    assert "public" in plain["Cache-Control"]
    assert "accept-language" not in plain.get("Vary", "").lower()
    section = section_paths(client)[0]
    assert client.get(section, HTTP_ACCEPT_LANGUAGE="ar").content == client.get(section).content


def test_a_section_costs_the_same_queries_with_more_pages(client, tree, settings):
    settings.SID_SITEMAP_SECTION_PAGES = 5

    def queries_for(path):
        client.get(path)  # warm the site root paths cache
        with CaptureQueriesContext(connection) as context:
            response = client.get(path)
        assert response.status_code == 200
        return len(context.captured_queries)

    small = queries_for(page_sections(client)[0])
    for number in range(40):
        StandardPageFactory(parent=tree.regions["latam"], title=f"More {number}", slug=f"more-{number}")
    assert queries_for(page_sections(client)[0]) == small
    assert queries_for(page_sections(client)[-1]) == small
    assert queries_for("/sitemap.xml") <= small
    assert len(page_sections(client)) > 5
    assert "More 39" in sitemap_text(client) or any("/more-39/" in loc for loc in locations(client))
