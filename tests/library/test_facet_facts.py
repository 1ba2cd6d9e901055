"""The facet counts of a search with filters come from each matching item's "listed" row
(``LibraryFacet.facts``, ``LibraryQuery.counts_by_facts``) and equal a naive computation made
independently over the same data: the index rows and the documents' own terms read into
Python, each item checked against every filter one by one. On SQLite here, on PostgreSQL in
the services suite (``pytest -m services``)."""

import importlib
import itertools
from unittest import mock

import pytest
from django.apps import apps
from django.test import override_settings

from sitecontent.library.analysis import analyse
from sitecontent.library.indexing import LISTED, index_item, item_facts_text
from sitecontent.library.search import LibraryQuery
from sitecontent.models import LibraryDocument, LibraryFacet

from .test_library_order import FilledLibraries

SELECTIONS = [
    {},
    {"topic": ["privacy"]},
    {"topic": ["grooming", "privacy"], "age": ["9-12"]},
    {"topic": ["grooming"], "format": ["quiz"], "language": ["fr", "es"]},
    {"age": ["5-8", "13-15"], "language": ["en"], "audience": ["teachers"]},
]


def naive_counts(region, selected, names, q, language):
    """({facet: {value: count}}, total) from the rows and documents read into Python."""
    rows: dict[int, dict[str, set[str]]] = {}
    for page_id, facet, value in LibraryFacet.objects.values_list("page_id", "facet", "value"):
        rows.setdefault(page_id, {}).setdefault(facet, set()).add(value)
    terms = {term.text for term in analyse(q, language)}
    matching = set()
    for document in LibraryDocument.objects.filter(language=language):
        words = " ".join((document.title, document.summary, document.topics, document.body)).split()
        if terms <= set(words):
            matching.add(document.page_id)
    items = {
        pk: item
        for pk, item in rows.items()
        if LISTED in item and pk in matching and (region is None or region in item.get("region", set()))
    }

    def passes(item, except_facet=None):
        return all(
            set(values) & item.get(name, set()) for name, values in selected.items() if values and name != except_facet
        )

    counts: dict[str, dict[str, int]] = {}
    for name in names:
        for item in items.values():
            if passes(item, name):
                for value in item.get(name, set()):
                    counts.setdefault(name, {})[value] = counts.get(name, {}).get(value, 0) + 1
    return counts, sum(1 for item in items.values() if passes(item))


@override_settings(SID_LIBRARY_PAGE_SIZE=7)
class TestSearchCountsFromFacts(FilledLibraries):
    def test_counts_under_search_and_filters_equal_a_naive_count(self):
        eu = self.tree.regions["eu"]
        checked = 0
        for scope, language, selected, q in itertools.product(
            [eu, None], ["fr", "en"], SELECTIONS, ["secret", "trust", "photo"]
        ):
            query = LibraryQuery(
                scope=scope, selected=selected, language=language, q=q, show_region_facet=scope is None
            )
            # Counted from the facts only: the facet rows' own counting query is never made.
            with mock.patch.object(LibraryQuery, "counts_sql", side_effect=AssertionError("rows counted")):
                result = query.run()
            names = [facet.name for facet in result.facets]
            region = query.region_scope()
            counts, total = naive_counts(region, {n: v for n, v in selected.items() if n in names}, names, q, language)
            where = (scope and scope.title, selected, language, q)
            assert result.total == total, where
            shown = {facet.name: {o.value: o.count for o in facet.options if o.count} for facet in result.facets}
            assert shown == {name: counts.get(name, {}) for name in names}, where
            checked += bool(total)
        assert checked > 20  # most combinations find something

    def test_counts_rows_without_facts_are_counted_from_the_rows(self):
        # A "listed" row written otherwise than by indexing (no facts): the rows are counted.
        expected = LibraryQuery(scope=self.tree.regions["eu"], selected={"age": ["9-12"]}, q="secret").run()
        LibraryFacet.objects.filter(facet=LISTED).update(facts="")
        result = LibraryQuery(scope=self.tree.regions["eu"], selected={"age": ["9-12"]}, q="secret").run()
        assert result.total == expected.total > 0
        assert [[(o.value, o.count) for o in f.options] for f in result.facets] == [
            [(o.value, o.count) for o in f.options] for f in expected.facets
        ]

    def test_listed_rows_carry_every_fact_of_their_item(self):
        index_item(self.tree.fr_grooming.specific)  # as publishing writes them
        migration = importlib.import_module("sitecontent.migrations.0013_library_facet_facts")
        written = dict(LibraryFacet.objects.filter(facet=LISTED).values_list("page_id", "facts"))
        LibraryFacet.objects.filter(facet=LISTED).update(facts="")
        migration.fill_facts(apps, None)
        filled = dict(LibraryFacet.objects.filter(facet=LISTED).values_list("page_id", "facts"))
        rows: dict[int, list[str]] = {}
        for page_id, facet, value in LibraryFacet.objects.values_list("page_id", "facet", "value"):
            rows.setdefault(page_id, []).append(f"{facet}={value}")
        assert written == filled == {pk: item_facts_text(found) for pk, found in rows.items()}
        assert len(written) > 90


@pytest.mark.services
class TestSearchCountsFromFactsOnPostgres(TestSearchCountsFromFacts):
    """The same on PostgreSQL (full-text search, INNER JOIN, STRING_AGG)."""
