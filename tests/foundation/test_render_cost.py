"""Public page renders do not repeat work: pages loaded while routing are reused, the
page lookup reads no translated columns, each language URL is computed once per request,
and the region's section list costs the same whatever kinds of pages it holds."""

import pytest
from django.db import connection
from django.template import Context
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page

from sitecontent.models import HomePage
from sitecontent.routing import find_specific_child
from tests.factories import StandardPageFactory, translated
from translations.templatetags import sid_i18n


def _route(site_tree, *components, language="en"):
    request = RequestFactory().get("/")
    with translation.override(language):
        home = HomePage.objects.get(pk=site_tree.home.pk)
        return home.route(request, list(components)).page


@pytest.mark.django_db
def test_routed_page_finds_region_and_parent_without_queries(site_tree):
    region = site_tree.regions["eu"]
    index = StandardPageFactory(parent=region, title="Index", slug="index")
    StandardPageFactory(parent=index, title="Child", slug="child")
    page = _route(site_tree, "europe", "index", "child")
    with CaptureQueriesContext(connection) as queries:
        found_region = page.region
        parent = page.get_parent()
    assert len(queries) == 0, [q["sql"] for q in queries.captured_queries]
    assert found_region.pk == region.pk and found_region.short_code == "eu"
    assert parent.pk == index.pk
    # Asking for a fresh parent still goes to the database.
    assert page.get_parent(update=True).pk == index.pk


@pytest.mark.django_db
def test_pages_not_routed_still_find_their_region(site_tree):
    region = site_tree.regions["eu"]
    index = StandardPageFactory(parent=region, title="Index", slug="index")
    child = StandardPageFactory(parent=index, title="Child", slug="child")
    loaded = Page.objects.get(pk=child.pk).specific
    assert loaded.region.pk == region.pk
    assert loaded.get_parent().pk == index.pk
    # A chain that does not match the page's own ancestors is ignored.
    loaded = Page.objects.get(pk=child.pk).specific
    loaded.__dict__["_sid_routed_ancestors"] = (site_tree.home, site_tree.regions["latam"])
    assert loaded.routed_ancestors() is None
    assert loaded.region.pk == region.pk
    assert loaded.get_parent().pk == index.pk


@pytest.mark.django_db
def test_pages_outside_any_region_need_no_query(site_tree):
    page = StandardPageFactory(parent=site_tree.home, title="About", slug="about")
    for candidate in (HomePage.objects.get(pk=site_tree.home.pk), Page.objects.get(pk=page.pk).specific):
        with CaptureQueriesContext(connection) as queries:
            assert candidate.region is None
        assert len(queries) == 0


@pytest.mark.django_db
def test_child_lookup_reads_no_translated_columns(site_tree):
    region = site_tree.regions["eu"]
    target = StandardPageFactory(parent=region, title="Target", slug="target")
    translated(target, {"fr": {"title": "Cible", "slug": "cible"}})
    with translation.override("fr"), CaptureQueriesContext(connection) as queries:
        child = find_specific_child(region, "cible")
    assert type(child).__name__ == "StandardPage" and child.pk == target.pk
    assert len(queries) == 2
    lookup = queries.captured_queries[0]["sql"]
    assert '"slug_fr" = ' in lookup and '"title_fr"' not in lookup and '"url_path_' not in lookup
    with translation.override("fr"):
        assert find_specific_child(region, "no-such-page") is None


@pytest.mark.django_db
def test_language_urls_are_computed_once_per_request(site_tree, monkeypatch):
    page = HomePage.objects.get(pk=site_tree.home.pk)
    request = RequestFactory().get("/fr/")
    calls = []
    original = Page.get_url

    def counting_get_url(self, request=None, current_site=None):
        calls.append(translation.get_language())
        return original(self, request=request, current_site=current_site)

    monkeypatch.setattr(Page, "get_url", counting_get_url)
    with translation.override("fr"):
        page.get_url(request=request)  # the visitor's language, as {% pageurl %} does
        context = Context({"request": request, "page": page})
        links = sid_i18n.language_links(context)
        alternates = sid_i18n.hreflang_links(context)
        # The visitor's language paths are back on the request for the next {% pageurl %}.
        assert request._wagtail_cached_site_root_paths_language == "fr"
    assert sorted(calls[1:]) == sorted(code for code, _name in __import__("django.conf").conf.settings.LANGUAGES)
    by_code = {link["code"]: link["url"] for link in links}
    for code in ("en", "fr", "ar"):
        with translation.override(code):
            expected = HomePage.objects.get(pk=page.pk).get_url(request=RequestFactory().get("/"))
        assert by_code[code] == expected
        assert request.build_absolute_uri(expected) in {link["url"] for link in alternates}


@pytest.mark.django_db
def test_region_section_list_costs_the_same_whatever_the_page_kinds(client, site_tree):
    from sitecontent.models import ResourceIndexPage

    region = site_tree.regions["eu"]

    def serve():
        client.get("/en/europe/")
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/europe/")
        assert response.status_code == 200
        return len(queries), response.content.decode()

    before, _html = serve()
    library = ResourceIndexPage(title="Library", slug="library", show_in_menus=True)
    region.add_child(instance=library)
    library.save_revision().publish()
    after, html = serve()
    assert after == before
    assert 'href="/en/europe/library/"' in html and ">Library</a>" in html
