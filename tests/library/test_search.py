"""Library search as teachers type: word forms, accents, scripts, typos, relevance; and the
index kept to what the public may read (publish, unpublish, private, rebuild)."""

import re

from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from wagtail.models import PageViewRestriction

from sitecontent.models import LibraryDocument, LibraryFacet, LibraryWord

from . import factories as f
from .cases import LibraryTestCase


def titles(response):
    return re.findall(r'class="card__title">\s*<a href="[^"]*">([^<]*)</a>', response.content.decode())


def library_url(library, language):
    with translation.override(language):
        return library.get_url()  # region and library slugs are translated


def top3(client, language, q, library=None):
    url = library_url(library, language) if library is not None else f"/{language}/europe/library/"
    response = client.get(url, {"q": q})
    assert response.status_code == 200, url
    return titles(response)[:3]


class TestSearchUnderstandsEachLanguage(LibraryTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        eu = cls.tree.libraries["eu"]
        cls.items = {
            "report": f.resource(
                eu,
                {
                    "en": {"title": "Reporting abuse online", "summary": "Where a pupil can report."},
                    "de": {"title": "Plakat gegen Cybermobbing", "summary": "Mit Hinweisen für Lehrkräfte."},
                    "fr": {"title": "Protéger ses données personnelles", "summary": "Sécurité en classe."},
                    "es": {"title": "Estafas en línea", "summary": "Guía para familias."},
                    "ar": {"title": "الإبلاغ عن التنمر الإلكتروني", "summary": "دليل للمعلم."},
                    "ja": {"title": "いじめとグルーミングの授業案", "summary": "教師用メモ付き。"},
                    "zh-hans": {"title": "网络欺凌课堂活动", "summary": "附教师说明。"},
                    "hi": {"title": "पाठ योजना: साइबर बुलिंग", "summary": "शिक्षक के लिए नोट्स।"},
                    "sw": {"title": "Kuripoti unyanyasaji mtandaoni", "summary": "Maelezo kwa mwalimu."},
                },
                files={"en": b"x"},
            ),
        }

    def test_word_forms_accents_and_scripts_find_the_item(self):
        client = self.client
        cases = [
            ("en", "reported"),  # stemming
            ("en", "REPORTS"),
            ("de", "Plakate"),  # plural
            ("de", "Lehrkraft"),  # singular of Lehrkräfte, umlaut
            ("fr", "donnees personnelles"),  # accents dropped
            ("fr", "securite"),
            ("es", "linea"),
            ("es", "guia familia"),
            ("ar", "التنمُّر"),  # added diacritic (shadda, damma)
            ("ar", "الابلاغ"),  # missing hamza
            ("ar", "تنمر"),  # without the article
            ("ja", "イジメ"),  # katakana for hiragana
            ("ja", "ぐるーみんぐ"),  # hiragana for katakana
            ("ja", "ｸﾞﾙｰﾐﾝｸﾞ"),  # half-width katakana
            ("zh-hans", "欺凌"),  # a word inside a run without spaces
            ("hi", "योजनाएं"),  # plural of योजना
            ("sw", "kuripo"),  # the start of a word
        ]
        for language, q in cases:
            found = top3(client, language, q, self.tree.libraries["eu"])
            assert found and found[0] == self.items["report"].title, (language, q, found)

    def test_each_language_searches_its_own_text_only(self):
        client = self.client
        assert top3(client, "fr", "reported") == []
        assert top3(client, "en", "Plakate") == []
        assert top3(client, "de", "いじめ", self.tree.libraries["eu"]) == []

    def test_a_typo_is_found_and_offered_as_did_you_mean(self):
        client = self.client
        response = client.get("/en/europe/library/", {"q": "groomng"})
        html = response.content.decode()
        assert "Spotting grooming" in titles(response)[:3]
        assert "Did you mean:" in html and ">grooming</a>" in html
        # The suggestion's link keeps the search words and the filters.
        response = client.get("/en/europe/library/", {"q": "groomng", "age": "9-12"})
        assert "q=grooming&amp;age=9-12" in response.content.decode()

    def test_title_and_summary_outrank_a_newer_page_mentioning_the_word_in_passing(self):
        eu = self.tree.libraries["eu"]
        f.resource(
            eu,
            {"en": {"title": "Class quiz", "summary": "A quiz; one question touches on sextortion briefly."}},
            files={"en": b"x"},
        )
        guide = f.guide(
            eu, {"en": {"title": "Talking about sextortion", "summary": "Sextortion explained for teachers."}}
        )
        f.resource(eu, {"en": {"title": "Newest poster", "summary": "It mentions sextortion."}}, files={"en": b"x"})
        found = top3(self.client, "en", "sextortion")
        assert found[0] == guide.title, found

    def test_every_result_shows_its_region(self):
        response = self.client.get("/en/library/", {"q": "grooming"})
        html = response.content.decode()
        cards = html.split('class="result card"')[1:]
        assert cards
        for card in cards:
            assert 'class="result__region"' in card
        assert any("Europe" in card for card in cards) and any("Latin America" in card for card in cards)

    def test_zero_results_say_what_is_true(self):
        client = self.client
        plain = client.get("/en/europe/library/", {"q": "xylophone"}).content.decode()
        assert "Nothing matches this search" in plain
        assert "Try removing" not in plain and "filter" not in plain.split('id="results-heading"')[1].split("</p>")[0]
        filtered = client.get("/en/europe/library/", {"q": "xylophone", "age": "5-8"}).content.decode()
        assert "Try removing a filter" in filtered
        only_filters = client.get("/en/europe/library/", {"age": "5-8", "format": "video"}).content.decode()
        assert "Nothing matches these filters" in only_filters

    def test_when_no_item_has_every_word_items_with_some_are_shown_and_said(self):
        response = self.client.get("/en/europe/library/", {"q": "reporting xylophone"})
        assert titles(response)[0] == "Reporting abuse online"
        assert "No material has all of these words" in response.content.decode()

    def test_search_keeps_facets_and_filters(self):
        response = self.client.get("/en/europe/library/", {"q": "grooming", "language": "fr"})
        found = titles(response)
        assert "Spotting grooming" in found and "Privacy basics" not in found
        html = response.content.decode()
        assert 'name="language" value="fr" checked' in html


class TestIndexFollowsWhatThePublicMayRead(LibraryTestCase):
    def _terms(self, page):
        """(language, term) of the page's search documents (the rows the backend indexes)."""
        return {
            (document.language, term)
            for document in LibraryDocument.objects.filter(page_id=page.pk)
            for text in (document.title, document.summary, document.topics, document.body)
            for term in text.split()
        }

    def test_publish_writes_analysed_fields_per_language(self):
        page = self.tree.fr_grooming
        documents = {document.language: document for document in LibraryDocument.objects.filter(page_id=page.pk)}
        assert "pedopiegeag" in documents["fr"].title.split() and "groom" in documents["en"].title.split()
        # "groom" is in the English title, the topic name and the summary ("groomers");
        # "trust" only in the summary.
        assert "groom" in documents["en"].topics.split() and "trust" not in documents["en"].title.split()
        assert "es" not in documents
        # The vocabulary counts the documents holding each term, per language.
        assert LibraryWord.objects.get(language="fr", term="pedopiegeag").documents >= 1

    def test_unpublish_removes_the_item_and_its_private_words(self):
        eu = self.tree.libraries["eu"]
        page = f.resource(eu, {"en": {"title": "Quokka safety", "summary": "Quokkas online."}}, files={"en": b"x"})
        assert top3(self.client, "en", "quokka") == ["Quokka safety"]
        page.unpublish()
        assert self._terms(page) == set()
        assert not LibraryWord.objects.filter(term__startswith="quokka").exists()
        response = self.client.get("/en/europe/library/", {"q": "quokkas"})
        assert titles(response) == [] and "Did you mean" not in response.content.decode()
        page.save_revision().publish()
        assert top3(self.client, "en", "quokka") == ["Quokka safety"]

    def test_a_private_item_or_library_leaves_the_index_and_returns_when_public(self):
        page = self.tree.fr_grooming
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")  # noqa: S106 (a test page password)
        assert self._terms(page) == set() and not LibraryFacet.objects.filter(page_id=page.pk).exists()
        assert "Repérer le pédopiégeage" not in top3(self.client, "fr", "pedopiegeage")
        restriction.delete()
        assert ("fr", "pedopiegeag") in self._terms(page)

        library = self.tree.libraries["eu"]
        restriction = PageViewRestriction.objects.create(page=library, restriction_type="login")
        assert self._terms(page) == set()
        restriction.delete()
        assert self._terms(page)

    def test_an_unpublished_library_takes_its_items_out_and_brings_them_back(self):
        library = self.tree.libraries["eu"].specific
        page = self.tree.fr_grooming
        library.unpublish()  # its items stay live below it
        assert self._terms(page) == set()
        library.save_revision().publish()
        assert self._terms(page)

    def test_rebuild_command_restores_the_index_from_public_live_items_only(self):
        page = self.tree.fr_grooming
        before = self._terms(page)
        total_before = LibraryDocument.objects.count()
        words_before = dict(LibraryWord.objects.values_list("term", "documents").filter(language="fr"))
        LibraryDocument.objects.all().delete()
        LibraryWord.objects.all().delete()
        LibraryFacet.objects.all().delete()
        PageViewRestriction.objects.create(page=self.tree.en_only, restriction_type="login")
        call_command("rebuild_library_index", verbosity=0)
        assert self._terms(page) == before
        assert self._terms(self.tree.en_only) == set()
        assert not self._terms(self.tree.draft)
        assert 0 < LibraryDocument.objects.count() < total_before
        call_command("rebuild_library_index", verbosity=0)  # safe to re-run
        assert self._terms(page) == before
        assert top3(self.client, "fr", "pedopiegeage")  # the backend's index is back too
        # The private item's words no longer count; the others' counts are as before.
        words_after = dict(LibraryWord.objects.values_list("term", "documents").filter(language="fr"))
        assert all(words_after[term] <= count for term, count in words_before.items() if term in words_after)


class TestMigrateIndexesALibraryWithoutDocuments(LibraryTestCase):
    def test_after_migrate_a_listed_library_without_documents_is_indexed(self):
        from django.apps import apps

        from sitecontent.signals import index_library_documents_after_migrating

        page = self.tree.fr_grooming
        LibraryDocument.objects.all().delete()  # as after migration 0010 on a running site
        assert top3(self.client, "fr", "pedopiegeage") == []
        index_library_documents_after_migrating(sender=apps.get_app_config("sitecontent"))
        assert "Repérer le pédopiégeage" in top3(self.client, "fr", "pedopiegeage")
        assert LibraryDocument.objects.filter(page_id=page.pk, language="fr").exists()


@override_settings(SID_LIBRARY_PAGE_SIZE=5)
class TestSearchQueryCount(LibraryTestCase):
    def test_search_with_typo_and_filters_costs_the_same_with_more_items(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        index = self.tree.libraries["eu"]
        url = "/en/europe/library/?q=groomng+lesons&age=9-12&format=lesson_plan"
        self.client.get(url)

        def add(count):
            for n in range(count):
                f.resource(
                    index,
                    {"en": {"title": f"Grooming lessons {n}", "summary": "Lesson on grooming."}},
                    files={"en": b"x"},
                    topics=[self.tree.topics["grooming"]],
                )

        add(2)
        with CaptureQueriesContext(connection) as few:
            self.client.get(url)
        add(12)
        with CaptureQueriesContext(connection) as many:
            response = self.client.get(url)
        assert len(titles(response)) == 5
        assert len(many) == len(few), [q["sql"][:100] for q in many.captured_queries]


def _bulk_items(index, start: int, count: int) -> None:
    """``count`` live resources under ``index`` with the rows publishing writes (facets, the
    search documents put into the backend, the vocabulary), written in bulk."""
    from benchmarks.support import bulk_child_pages
    from sitecontent.library.indexing import LISTED, write_documents, write_facets
    from sitecontent.models import ResourcePage

    words = ["grooming", "privacy", "scams", "cyberbullying"]

    def fields(n):
        n += start
        return {
            "title": f"{words[n % 4].title()} lessons {n}",
            "slug": f"bulk-{n}",
            "summary": f"A lesson plan on {words[n % 4]} for teachers, number {n}.",
            "format": "lesson_plan",
            "age_bands": ["9-12"],
            "audiences": ["teachers"],
        }

    ids = bulk_child_pages(index, ResourcePage, count, fields)
    facets = [
        LibraryFacet(page_id=page_id, facet=facet, value=value, region="eu")
        for page_id in ids
        for facet, value in (
            (LISTED, ""),
            ("format", "lesson_plan"),
            ("age", "9-12"),
            ("language", "en"),
            ("region", "eu"),
        )
    ]
    write_facets(facets)
    write_documents(
        [
            (page_id, "en", {"title": fields(n)["title"], "summary": fields(n)["summary"]})
            for n, page_id in enumerate(ids)
        ]
    )


@override_settings(SID_LIBRARY_PAGE_SIZE=5)
class TestSearchQueriesAt100AndMany(LibraryTestCase):
    def test_a_search_with_filters_costs_the_same_queries_at_100_and_1000_items(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        index = self.tree.libraries["eu"]
        url = "/en/europe/library/?q=groomng+lesons&age=9-12&format=lesson_plan"
        _bulk_items(index, 0, 100)
        self.client.get(url)  # warm caches (site root paths, content types)
        with CaptureQueriesContext(connection) as hundred:
            response = self.client.get(url)
        assert len(titles(response)) == 5
        _bulk_items(index, 100, 900)
        with CaptureQueriesContext(connection) as thousand:
            response = self.client.get(url)
        assert len(titles(response)) == 5 and "Did you mean:" in response.content.decode()
        assert len(thousand) == len(hundred), [q["sql"][:100] for q in thousand.captured_queries]
