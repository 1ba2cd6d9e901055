"""The library page: facets, search in the active language, ordering, pagination, scoping."""

import re

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.fixtures import hostile_text, xss_payloads

from . import factories as f
from .cases import LibraryTestCase
from .forms import submit


def titles(response):
    # A title in another language carries its lang and a "(in English)" marker: the text only.
    found = re.findall(r'class="card__title">\s*<a href="[^"]*">(.*?)</a>', response.content.decode(), flags=re.S)
    return [
        re.sub(r"<[^>]+>", "", re.sub(r'<small class="lang-marker".*?</small>', "", t, flags=re.S)).strip()
        for t in found
    ]


def facet_count(response, name, value):
    html = response.content.decode()
    match = re.search(
        rf'name="{name}" value="{re.escape(value)}"[^>]*>\s*<span[^>]*>[^<]*</span>\s*<span class="facet__count">\((\d+)',
        html,
    )
    assert match, f"no facet option {name}={value}"
    return int(match.group(1))


def _make_items(index, topic, count):
    for number in range(count):
        f.resource(
            index,
            {"en": {"title": f"Bulk {number}", "summary": "bulk"}, "fr": {"title": f"Lot {number}", "summary": "lot"}},
            files={"fr": b"x"},
            topics=[topic],
        )


class TestLibraryPage(LibraryTestCase):
    def test_filters_french_ages_9_12_grooming(self):
        client = self.client
        response = client.get("/fr/europe/library/?language=fr&age=9-12&topic=grooming")
        assert response.status_code == 200
        assert sorted(titles(response)) == ["Parler du pédopiégeage", "Repérer le pédopiégeage"]
        # Filters stay ticked in the no-JavaScript form.
        html = response.content.decode()
        assert 'name="topic" value="grooming" checked' in html
        assert 'name="age" value="9-12" checked' in html

    def test_facet_counts_are_what_each_option_would_give(self):
        client = self.client
        response = client.get("/en/europe/library/?topic=grooming")
        # Within the topic facet, counts ignore the topic filter itself (disjunctive facets).
        assert facet_count(response, "topic", "grooming") == 2
        assert facet_count(response, "topic", "privacy") == 1
        # Other facets count within the current selection.
        assert facet_count(response, "language", "fr") == 2
        assert facet_count(response, "format", "poster") == 0
        assert facet_count(response, "format", "guide") == 1

    def test_global_library_has_region_facet_and_every_region(self):
        client = self.client
        response = client.get("/en/library/")
        assert "Hablar del grooming" not in titles(response)  # English visitor sees English title
        assert "Grooming talk" in titles(response)
        assert facet_count(response, "region", "latam") == 1
        assert facet_count(response, "region", "eu") == 3
        filtered = client.get("/en/library/?region=latam")
        assert titles(filtered) == ["Grooming talk"]

    def test_an_item_moved_to_another_region_is_filtered_under_its_new_region(self):
        client = self.client
        page = self.tree.fr_grooming
        assert "Spotting grooming" in titles(client.get("/en/library/?region=eu"))
        page.move(self.tree.libraries["latam"], pos="last-child")
        assert "Spotting grooming" not in titles(client.get("/en/library/?region=eu"))
        assert "Spotting grooming" in titles(client.get("/en/library/?region=latam"))
        with translation.override("en"):
            latam = self.tree.libraries["latam"].get_url()
        assert "Spotting grooming" in titles(client.get(latam))
        assert facet_count(client.get("/en/library/"), "region", "latam") == 2

    def test_renaming_a_topic_or_changing_its_slug_reindexes_its_items(self):
        from translations.core.tooling import set_translations

        client = self.client
        topic = self.tree.topics["grooming"]
        with translation.override("en"):
            set_translations(topic, {"fr": {"name": "Manipulation en ligne"}})
            topic.slug = "online-grooming"
            with self.captureOnCommitCallbacks(execute=True):
                topic.save()
        found = titles(client.get("/fr/europe/library/?q=manipulation"))
        assert sorted(found) == ["Parler du pédopiégeage", "Repérer le pédopiégeage"]
        assert len(titles(client.get("/fr/europe/library/?topic=online-grooming"))) == 2
        assert facet_count(client.get("/en/library/"), "topic", "online-grooming") == 3
        assert titles(client.get("/en/europe/library/?q=zebra")) == []  # the draft stays out

    def test_region_library_lists_only_its_region(self):
        client = self.client
        response = client.get("/en/europe/library/")
        assert "Grooming talk" not in titles(response)
        assert 'name="region"' not in response.content.decode()

    def test_unpublished_items_never_listed_or_counted(self):
        client = self.client
        response = client.get("/en/europe/library/")
        assert "Secret draft" not in response.content.decode()
        assert client.get("/en/europe/library/?q=zebra").content.decode().count('class="result card"') == 0

    def test_search_in_french_matches_french_text_only(self):
        client = self.client
        found = client.get("/fr/europe/library/?q=confiance")
        assert titles(found) == ["Repérer le pédopiégeage"]
        # "trust" is only in the English summary: a French search must not find it.
        assert titles(client.get("/fr/europe/library/?q=trust")) == []
        assert titles(client.get("/en/europe/library/?q=trust")) == ["Spotting grooming"]
        # Case and accents as typed by people: upper case, decomposed é.
        assert titles(client.get("/fr/europe/library/?q=CONFIANCE")) == ["Repérer le pédopiégeage"]
        assert "Repérer le pédopiégeage" in titles(client.get("/fr/europe/library/?q=pe%CC%81dopie%CC%81geage"))

    def test_search_never_matches_none_from_empty_translations(self):
        client = self.client
        # en_only has no French fields at all: nothing in French can say "None".
        for language in ("fr", "de", "ja"):
            assert titles(client.get(f"/{language}/europe/library/?q=None")) == []
        assert titles(client.get("/fr/europe/library/?q=none")) == []

    def test_search_matches_translated_topic_names_in_that_language(self):
        client = self.client
        assert "Repérer le pédopiégeage" in titles(client.get("/fr/europe/library/?q=p%C3%A9dopi%C3%A9geage"))
        assert titles(client.get("/fr/europe/library/?q=Grooming")) == []  # English topic name

    def test_results_in_visitor_language_first_others_marked(self):
        client = self.client
        response = client.get("/fr/europe/library/")
        found = titles(response)
        assert found[-1] == "Privacy basics"  # English only: after the French ones
        html = response.content.decode()
        privacy = html[html.index("Privacy basics") :]
        privacy = privacy[: privacy.index("</li>")]
        assert re.search(r'class="result__languages">\s*<strong>', privacy)
        assert '<span lang="en">English</span>' in privacy

    def test_languages_available_are_derived_from_files_and_texts(self):
        library_tree = self.tree
        # fr_grooming: English and French texts and files.
        assert library_tree.fr_grooming.library_languages == ["en", "fr"]
        # latam_es: English and Spanish text, Spanish file only.
        assert library_tree.latam_es.library_languages == ["en", "es"]

    @override_settings(SID_LIBRARY_PAGE_SIZE=1)
    def test_pagination_keeps_filters(self):
        client = self.client
        response = client.get("/fr/europe/library/?topic=grooming&language=fr")
        # "Next" submits the library's GET form (so ticks on this page are kept too).
        second = submit(client, response, "library-form", click=("page", "2"))
        query = second.wsgi_request.GET
        assert query.getlist("topic") == ["grooming"] and query.getlist("language") == ["fr"] and query["page"] == "2"
        assert len(titles(second)) == 1 and titles(second) != titles(response)
        assert 'name="topic" value="grooming" checked' in second.content.decode()

    def test_bad_query_strings_do_not_fail(self):
        client = self.client
        for query in [
            "page=999",
            "page=abc",
            "topic=unknown",
            "age=<script>",
            "language=xx",
            "region=nowhere",
            "q=" + "x" * 5000,
        ]:
            response = client.get(f"/en/europe/library/?{query}")
            assert response.status_code == 200
            assert "<script>" not in response.content.decode().split("<main", 1)[1]

    def test_control_characters_never_reach_the_database(self):
        # PostgreSQL refuses NUL in text parameters (a 500 there); SQLite would not show it.
        client = self.client
        with CaptureQueriesContext(connection) as queries:
            found = client.get("/fr/europe/library/", {"q": "conf\x00iance", "pick": "1\x00", "topic": "\x00"})
            assert client.get("/fr/packs/", {"region": "eu\x00"}).status_code == 200
            assert client.post("/fr/packs/request/", {"pack": "x\x00", "language": "fr"}).status_code == 404
        assert titles(found) == ["Repérer le pédopiégeage"]
        assert not any("\x00" in query["sql"] for query in queries.captured_queries)

    def test_hostile_search_inputs_are_escaped(self):
        client = self.client
        odd_values = [case["text"] for case in hostile_text.cases()][:10]
        for payload in xss_payloads()[:25] + odd_values:
            response = client.get("/en/europe/library/", {"q": payload})
            assert response.status_code == 200
            body = response.content.decode()
            if "<script" in payload.lower():
                assert payload not in body

    def test_query_count_does_not_grow_with_items(self):
        client = self.client
        library_tree = self.tree
        index = library_tree.libraries["eu"]
        url = "/fr/europe/library/?topic=grooming&q=lot&age=9-12"
        client.get(url)  # warm caches (site root paths, content types)
        _make_items(index, library_tree.topics["grooming"], 3)
        with CaptureQueriesContext(connection) as few:
            assert client.get(url).status_code == 200
        _make_items(index, library_tree.topics["grooming"], 30)
        with CaptureQueriesContext(connection) as many:
            response = client.get(url)
        assert len(titles(response)) == 20  # a full page of results
        assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]

    def test_every_view_costs_the_same_queries_with_ten_times_the_items(self):
        # Regional and global library, unfiltered, filtered, filtered with a search: the
        # query count is the same with 3 and 30 more items, and within the page's budget
        # (site 1, its home page 1, routing 4 for a region's library, vocabularies 2, every
        # facet's counts and the total 1, results 1, their pages and facts 1; branding, view
        # restrictions and menus from the cache; a search plans which words are required in
        # 1 and brings its results' pages and facts with them).
        tree = self.tree
        with translation.override("fr"):
            urls = [tree.libraries["eu"].get_url(), tree.global_library.get_url()]
        views = ["", "?topic=grooming&age=9-12", "?topic=grooming&language=fr&q=lot"]

        def counts():
            found = {}
            for url in urls:
                for view in views:
                    with CaptureQueriesContext(connection) as queries:
                        response = self.client.get(url + view)
                    assert response.status_code == 200
                    found[url + view] = len(queries)
            return found

        counts()  # warm caches (site root paths, content types)
        _make_items(tree.libraries["eu"], tree.topics["grooming"], 3)
        few = counts()
        _make_items(tree.libraries["eu"], tree.topics["grooming"], 30)
        many = counts()
        assert many == few, (few, many)
        assert max(count for url, count in few.items() if "q=" not in url) <= 11, few
        assert max(few.values()) <= 12, few

    def test_library_works_in_every_language(self):
        from translations.core.languages import LANGUAGE_CODES, RTL_LANGUAGES

        library = self.tree.libraries["eu"]
        for code in LANGUAGE_CODES:
            with translation.override(code):
                url = library.get_url()  # region slugs are translated (europa, …)
            response = self.client.get(f"{url}?topic=grooming")
            html = response.content.decode()
            assert response.status_code == 200, code
            direction = "rtl" if code in RTL_LANGUAGES else "ltr"
            assert f'<html lang="{code}" dir="{direction}"' in html
            assert 'name="topic" value="grooming" checked' in html
