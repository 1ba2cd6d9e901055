"""The library's counts, totals and order, whatever the filters, search, scope, visitor's
language and page, are those of a plain computation: the index rows read into Python
(disjunctive counts counted item by item) and the old single ORM query for the order
(pages in the visitor's language first, then newest first, then by id)."""

import datetime
import itertools

from django.db.models import Exists, OuterRef
from django.test import override_settings
from django.utils import timezone
from wagtail.models import Page

from sitecontent.library.indexing import LISTED, write_documents, write_facets
from sitecontent.library.search import FACETS, LibraryQuery
from sitecontent.models import LibraryFacet, ResourcePage

from .cases import LibraryTestCase

TOPICS = ["grooming", "privacy"]
AGES = ["5-8", "9-12", "13-15"]
FORMATS = ["lesson_plan", "poster", "quiz"]
WORDS = ["trust", "secret", "photo"]


def fill(index, region: str, count: int, seed: int) -> None:
    """``count`` items with varied facets, some first published at the same instant and
    some never (NULL), with the index rows publishing writes."""
    from benchmarks.support import bulk_child_pages

    start = timezone.make_aware(datetime.datetime(2026, 1, 1))

    def published(n):
        if (n + seed) % 9 == 0:
            return None
        return start + datetime.timedelta(days=((n * 7 + seed) % 13))  # many ties

    def fields(n):
        return {
            "title": f"Item {region} {n}",
            "slug": f"item-{region or 'all'}-{seed}-{n}",
            "summary": f"About {WORDS[n % 3]} number {n}",
            "first_published_at": published(n),
        }

    ids = bulk_child_pages(index, ResourcePage, count, fields)
    rows, texts = [], []
    for n, page_id in enumerate(ids):
        m = n + seed
        values = [(LISTED, ""), ("audience", "teachers"), ("format", FORMATS[m % 3]), ("age", AGES[m % 3])]
        values += [("topic", topic) for i, topic in enumerate(TOPICS) if (m >> i) % 2]
        languages = ["en"] + (["fr"] if m % 2 else []) + (["es"] if m % 5 == 0 else [])
        values += [("language", code) for code in languages]
        if region:
            values.append(("region", region))
        rows += [
            LibraryFacet(page_id=page_id, facet=facet, value=value, region=region, published_at=published(n))
            for facet, value in values
        ]
        texts += [(page_id, code, {"title": f"Item {n}", "summary": f"{WORDS[m % 3]} {n}"}) for code in languages]
    write_facets(rows)
    write_documents(texts)


def facts() -> dict[int, dict[str, set[str]]]:
    found: dict[int, dict[str, set[str]]] = {}
    for page_id, facet, value in LibraryFacet.objects.values_list("page_id", "facet", "value"):
        found.setdefault(page_id, {}).setdefault(facet, set()).add(value)
    return found


def expected(query: LibraryQuery, selected: dict, names: list[str]):
    """(counts, total, ids in order or None when ranked by relevance) made plainly."""
    every = facts()
    region = query.region_scope()
    items = {pk: item for pk, item in every.items() if LISTED in item}
    if region is not None:
        items = {pk: item for pk, item in items.items() if region in item.get("region", set())}
    if query.searching_text():
        matching = [] if query.match_nothing else query.matching_page_ids()
        ids = set(matching) if isinstance(matching, list) else set(matching.values_list("page_id", flat=True))
        items = {pk: item for pk, item in items.items() if pk in ids}

    def passes(item, except_facet=None):
        return all(
            set(values) & item.get(name, set()) for name, values in selected.items() if values and name != except_facet
        )

    counts = {}
    for name in names:
        for item in items.values():
            if passes(item, name):
                for value in item.get(name, set()):
                    counts.setdefault(name, {}).setdefault(value, 0)
                    counts[name][value] += 1
    passing = [pk for pk, item in items.items() if passes(item)]
    in_language = Exists(LibraryFacet.objects.filter(page_id=OuterRef("pk"), facet="language", value=query.language))
    order = list(
        Page.objects.filter(pk__in=passing)
        .annotate(in_language=in_language)
        .order_by("-in_language", "-first_published_at", "-pk")
        .values_list("pk", flat=True)
    )
    return counts, len(passing), order


class FilledLibraries(LibraryTestCase):
    """Three libraries filled with seeded items (no tests of its own: a base)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        fill(cls.tree.libraries["eu"], "eu", 61, seed=0)
        fill(cls.tree.libraries["latam"], "latam", 23, seed=5)
        fill(cls.tree.global_library, "", 9, seed=2)


@override_settings(SID_LIBRARY_PAGE_SIZE=7)
class TestCountsAndOrder(FilledLibraries):
    def check(self, scope, selected, language, q="", pages=(1, 2, 99)):
        for number in pages:
            query = LibraryQuery(
                scope=scope,
                selected=selected,
                language=language,
                q=q,
                page_number=number,
                show_region_facet=scope is None,
            )
            result = query.run()
            names = [facet.name for facet in result.facets]
            counts, total, order = expected(query, {n: v for n, v in selected.items() if n in names}, names)
            where = (scope and scope.title, selected, language, q, number)
            assert result.total == total, where
            shown = {facet.name: {o.value: o.count for o in facet.options if o.count} for facet in result.facets}
            assert shown == {name: counts.get(name, {}) for name in names}, where
            ids = [item.page.pk for item in result.results]
            page = result.paginator_page
            if q:
                assert set(ids) <= set(order) and len(ids) == len(order[page.start_index() - 1 : page.end_index()]), (
                    where
                )
            else:
                assert ids == order[page.start_index() - 1 : page.end_index()], where
                assert [item.in_language for item in result.results] == [
                    language in facts()[pk].get("language", set()) for pk in ids
                ], where

    def test_every_combination_of_filters_scopes_and_languages(self):
        eu = self.tree.regions["eu"]
        choices = {
            "topic": [[], ["grooming"], ["grooming", "privacy"]],
            "age": [[], ["9-12"]],
            "language": [[], ["fr"], ["es", "en"]],
        }
        for scope, language in itertools.product([eu, None], ["fr", "en"]):
            for topic, age, languages in itertools.product(*choices.values()):
                self.check(scope, {"topic": topic, "age": age, "language": languages}, language)

    def test_with_a_search(self):
        eu = self.tree.regions["eu"]
        for scope, language, selected in itertools.product(
            [eu, None], ["fr", "en"], [{}, {"topic": ["privacy"]}, {"topic": ["grooming"], "format": ["quiz"]}]
        ):
            self.check(scope, selected, language, q="secret", pages=(1, 2))

    def test_facets_listed_are_those_of_the_page(self):
        # FACETS order and names are what the template shows: the region only globally.
        result = LibraryQuery(scope=self.tree.regions["eu"], show_region_facet=False).run()
        assert [facet.name for facet in result.facets] == [name for name, _ in FACETS if name != "region"]
