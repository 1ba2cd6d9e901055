"""The library query: filters from the query string, facet counts, search in one language.

The library reads its own index only (``LibraryFacet``, ``LibraryDocument``: written on
publish, removed on unpublish, and rewritten when a page above an item is unpublished,
made private or moved, ``sitecontent.library.indexing``): an item is listed when it has
its "listed" row, which indexing writes for live, public items only. So a request never
reads the view restrictions or the unpublished sections, and never scans the page tree.

Every step is a fixed number of SQL queries whatever the number of items: the vocabularies
(topics, regions), one grouped query for every facet's counts and the total together (each
facet counted with the other facets' filters, over the filtered base built once), a page
of results, one query per item type for the specific pages, and one for the results'
facts. Text search goes through Wagtail's search API: the backend named by
``SID_LIBRARY_SEARCH_BACKEND`` (``WAGTAILSEARCH_BACKENDS``: SQLite FTS5 on the embedded
default, PostgreSQL full text in production, OpenSearch/Elasticsearch if configured) searches
the ``LibraryDocument`` rows of the active language only. The query is analysed exactly as
the items were (``sitecontent.library.analysis``: folding, stemming, segmentation); the
vocabulary (``LibraryWord``, one query) expands the start of a word to the terms it begins,
replaces a word the library does not know by its nearest known word ("did you mean"), and
tells which words most items hold (those narrow nothing and are left out). Every other word
must match; results are ranked by the backend's relevance over the weighted fields (title
above summary above topics above body).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import (
    Aggregate,
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import Concat
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from translations.core.languages import DEFAULT_LANGUAGE

from .analysis import Term, analyse
from .picks import ACTIONS, Picks
from .vocabulary import AGE_BANDS, AUDIENCES, FORMATS

MAX_TERMS = 8
MAX_QUERY_LENGTH = 200
#: A word found in more than this share of a language's items narrows nothing: left out of the query.
COMMON_SHARE = 0.6
#: How close (difflib ratio) a known word must be to stand in for an unknown one.
SUGGESTION_CUTOFF = 0.75
#: At most this many known terms stand for the start of one query word ("repo" → report, …).
MAX_EXPANSIONS = 40
#: Backends that are not in the database (OpenSearch, Elasticsearch) hand back at most this
#: many matching items to filter and count by facet.
MAX_EXTERNAL_HITS = 10_000

DOCUMENT_FIELDS = ("title", "summary", "topics", "body")


def search_backend():
    """The Wagtail search backend the library searches (``SID_LIBRARY_SEARCH_BACKEND``)."""
    return get_search_backend(getattr(settings, "SID_LIBRARY_SEARCH_BACKEND", "default"))


def in_database(backend) -> bool:
    """Whether ``backend`` keeps its index in the database (Wagtail's database backends:
    PostgreSQL, SQLite FTS5, MySQL), so its results are a queryset a facet count can use as
    a subquery; a search service (OpenSearch, Elasticsearch) returns ids instead."""
    return hasattr(backend.results_class, "get_queryset")


def clean_query(value: str) -> str:
    """What a visitor typed, without control characters (PostgreSQL refuses NUL in text)."""
    text = "".join(" " if char.isspace() else char for char in value if char.isspace() or char.isprintable())
    return text.strip()[:MAX_QUERY_LENGTH]


FACETS = (
    ("topic", _("Topic")),
    ("age", _("Age band")),
    ("audience", _("Audience")),
    ("format", _("Format")),
    ("language", _("Language")),
    ("region", _("Region")),
)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def selected(self):
        return [option for option in self.options if option.selected]


@dataclass
class LibraryResult:
    page: Page
    languages: list[str]
    in_language: bool
    topics: list[str]
    age_bands: list[str]
    region: str | None
    #: The region's name, shown on the result (identical titles from two regions differ by it).
    region_name: str = ""
    #: The region page itself, so its name is marked with its own language where it falls back.
    region_page: Page | None = None


@dataclass
class LibraryPage:
    query: str
    facets: list[Facet]
    results: list[LibraryResult]
    paginator_page: object
    total: int
    language: str
    filtered: bool
    picks: Picks
    #: The applied filters as a query string (no page, no selection), for links.
    filters_query: str = ""
    #: Whether any facet filter is applied (the search text alone is not a filter).
    has_filters: bool = False
    #: The query with unknown words replaced by the nearest known ones ("did you mean").
    suggestion: str = ""
    #: The suggestion as a query string with the applied filters, for its link.
    suggestion_query: str = ""
    #: No item had every word of the search: the results have some of them.
    relaxed: bool = False

    @property
    def hidden_picks(self) -> list[int]:
        """Chosen ids that have no checkbox on this page of results (kept as hidden inputs)."""
        shown = {result.page.pk for result in self.results}
        return [pk for pk in self.picks.ids if pk not in shown]


@dataclass
class Filters:
    """What one library request filters on, resolved once (``LibraryQuery.filtering``)."""

    #: {facet: {value: label}} of every facet's options.
    vocab: dict[str, dict[str, str]]
    #: The facets this library shows, in order.
    facet_names: list[str]
    #: {facet: [values]} the request selected that exist (unknown values dropped).
    selected: dict[str, list[str]]
    #: The "listed" index rows of the items in scope that match the search: the filtered
    #: base that the counts and the results narrow, built once.
    base: object
    #: Whether the results come from the search backend (ranked by relevance).
    searching: bool


@dataclass
class Selection:
    """The page of results and its paginator page (``LibraryQuery.selection``)."""

    paginator_page: object
    results: list[LibraryResult]


def item_models():
    from sitecontent.models import library_item_models

    return library_item_models()


def item_links() -> dict[type, str]:
    """{item model: the accessor from its page row to its own row}, for ``select_related``."""
    return {model: model._meta.parents[Page].remote_field.get_accessor_name() for model in item_models()}


#: The annotation that carries an item's facts (``item_facts``).
FACTS = "sid_facts"


class JoinedText(Aggregate):
    """The texts of a group joined by commas (SQLite's and MySQL's ``GROUP_CONCAT``,
    PostgreSQL's ``STRING_AGG``)."""

    function = "GROUP_CONCAT"
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", template="%(function)s(%(expressions)s, ',')")


def item_facts(page_field: str) -> Subquery:
    """An item's facts as one text ("facet=value,…", ``read_facts``), from its facet rows,
    for the row whose ``page_field`` is the item's page id: read with the page, no query
    more. Facet names and values are slugs and codes (no "," or "=")."""
    from sitecontent.models import LibraryFacet

    return Subquery(
        LibraryFacet.objects.filter(page_id=OuterRef(page_field))
        .values("page_id")
        .annotate(joined=JoinedText(Concat("facet", Value("="), "value", output_field=TextField())))
        .values("joined")[:1]
    )


def read_facts(text: str | None) -> dict[str, list[str]]:
    """{facet: [values]} from ``item_facts``' text."""
    facts: dict[str, list[str]] = {}
    for item in (text or "").split(","):
        facet, _sep, value = item.partition("=")
        if facet:
            facts.setdefault(facet, []).append(value)
    return facts


def item_page(page: Page, links: dict[type, str]) -> Page:
    """The specific item of a page row read with ``select_related(*links.values())``."""
    specific = next((getattr(page, link) for link in links.values() if hasattr(page, link)), None)
    return specific if specific is not None else page.specific


class LibraryQuery:
    """A library view's state, read from the query string (``?q=&topic=&age=&language=…``)."""

    def __init__(
        self, *, q="", selected=None, page_number=1, scope=None, language=None, show_region_facet=True, picks=None
    ):
        self.q = clean_query(q or "")
        self.selected = selected or {}
        self.page_number = page_number
        self.scope = scope
        self.language = language or get_language() or DEFAULT_LANGUAGE
        self.picks = picks or Picks(language=self.language)
        self.show_region_facet = show_region_facet
        self.per_page = getattr(settings, "SID_LIBRARY_PAGE_SIZE", 20)

    @classmethod
    def from_request(cls, request, **kwargs):
        params = request.GET
        selected = {name: [v for v in params.getlist(name) if v][:20] for name, _label in FACETS}
        # Acting on the selection (tick, remove, build) stays on the page the visitor was
        # on; applying filters starts again at page 1.
        page_number = params.get("page") or (params.get("stay") if any(a in params for a in ACTIONS) else None) or 1
        picks = Picks.read(params, default_language=get_language() or DEFAULT_LANGUAGE)
        return cls(q=params.get("q", ""), selected=selected, page_number=page_number, picks=picks, **kwargs)

    # -- vocabularies (one query each for topics and regions) -------------------------------
    def vocabularies(self) -> dict[str, dict[str, str]]:
        from sitecontent.models import Topic

        vocab = {
            "audience": dict(AUDIENCES),
            "age": dict(AGE_BANDS),
            "format": dict(FORMATS),
            # Each language by its own name ("français"), as everywhere on the site.
            "language": {code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES},
            "topic": {topic.slug: topic.name for topic in Topic.objects.all()},
        }
        # Always read: every result shows its region, whether or not it is a facet here.
        self.region_pages = {region.short_code: region for region in public_regions()}
        vocab["region"] = {code: region.title for code, region in self.region_pages.items()}
        return vocab

    def shows_facet(self, name: str) -> bool:
        return name != "region" or self.show_region_facet

    # -- building blocks -------------------------------------------------------------------
    def items_queryset(self):
        """Every live, public library item, whatever the scope (a selection may span regions).

        What indexing admits to the library (``indexing.searchable_items``); the library's
        pages themselves read the index instead (``listed_rows``)."""
        from django.contrib.contenttypes.models import ContentType

        from sitecontent.routing import under_unpublished

        types = ContentType.objects.get_for_models(*item_models()).values()
        # Not below an unpublished library or region either (sitecontent.routing).
        return Page.objects.live().public().exclude(under_unpublished()).filter(content_type__in=list(types))

    def listed_rows(self):
        """The "listed" index row of every item this library lists: one row per item.

        Scoped to a region through the items' "region" rows (indexed by facet and value),
        not through the page tree."""
        from sitecontent.models import LibraryFacet, RegionPage

        from .indexing import LISTED

        rows = LibraryFacet.objects.filter(facet=LISTED)
        scope = self.scope
        if scope is None:
            return rows
        if not isinstance(scope, RegionPage) and issubclass(scope.specific_class or Page, RegionPage):
            scope = scope.specific
        if not isinstance(scope, RegionPage):  # not a region: the items below it
            return rows.filter(page__path__startswith=scope.path)
        region_items = LibraryFacet.objects.filter(facet="region", value=scope.short_code).values("page_id")
        return rows.filter(page_id__in=region_items)

    # -- text search -----------------------------------------------------------------------
    def groups(self) -> list[list[Term]]:
        """The query's terms, grouped by the word they came from (a CJK word gives bigrams)."""
        grouped: dict[int, list[Term]] = {}
        for term in analyse(self.q, self.language):
            grouped.setdefault(term.group, []).append(term)
        unique = []
        for terms in grouped.values():
            texts = list(dict.fromkeys(term.text for term in terms))
            if texts not in [[t.text for t in group] for group in unique]:
                unique.append([next(term for term in terms if term.text == text) for text in texts])
        return unique[:MAX_TERMS]

    def documents(self):
        from sitecontent.models import LibraryDocument

        return LibraryDocument.objects.filter(language=self.language)

    def plan_text_search(self) -> None:
        """Decide, in at most three queries whatever the size of the library, the backend
        query: which known terms each query word stands for, which words are required, and
        which stand in for unknown words."""
        from sitecontent.models import LibraryWord

        self.search_query = None
        self.match_nothing = False
        self.suggestion = ""
        self.relaxed = False
        groups = self.groups()
        if not groups:
            return
        # One query: the vocabulary rows each query term is, or begins.
        wanted = Q(pk__in=[])
        for group in groups:
            for term in group:
                wanted |= Q(term__startswith=term.text) if term.prefix else Q(term=term.text)
        known = list(
            LibraryWord.objects.filter(language=self.language)
            .filter(wanted)
            .order_by("-documents", "term")
            .values_list("term", "documents")[: MAX_EXPANSIONS * MAX_TERMS * 4]
        )
        frequency = dict(known)
        expansions: list[list[str]] = []
        for group in groups:
            found: list[str] = []
            for term in group:
                if term.text in frequency:
                    found.append(term.text)
                if term.prefix:
                    longer = [t for t, _n in known if t.startswith(term.text) and t != term.text]
                    found += longer[:MAX_EXPANSIONS]
            expansions.append(list(dict.fromkeys(found)))
        # Only a search of several words may leave a common one out.
        total = self.documents().count() if len(groups) > 1 and any(expansions) else 0
        unknown = [group for group, found in zip(groups, expansions, strict=True) if not found]
        written: dict[str, str] = {}
        if unknown:
            # One query: the vocabulary sharing a first letter with an unknown word.
            first = Q(pk__in=[])
            for group in unknown:
                first |= Q(term__startswith=group[0].text[:1])
            vocabulary = dict(
                LibraryWord.objects.filter(language=self.language).filter(first).values_list("term", "word")[:5000]
            )
            for group, found in zip(groups, expansions, strict=True):
                term = group[0]
                if found or len(group) > 1 or len(term.text) < 4:
                    continue
                close = difflib.get_close_matches(term.text, list(vocabulary), n=1, cutoff=SUGGESTION_CUTOFF)
                if close:
                    found.append(close[0])
                    written[term.word] = vocabulary[close[0]]

        def common(group, found) -> bool:
            return bool(found) and total >= 5 and all(frequency.get(t, 0) > COMMON_SHARE * total for t in found)

        # A word most items hold narrows nothing: left out, unless every word is such a word.
        required = [found for group, found in zip(groups, expansions, strict=True) if not common(group, found)]
        if not required:
            required = expansions
        # A word with no known term can match nothing: the search then finds nothing, or,
        # with other words, items that have some of them.
        clauses = [PlainText(" ".join(found), operator="or") for found in required if found]
        if not clauses:
            self.match_nothing = True
        elif len(clauses) == 1 and len(required) == 1:
            self.search_query = clauses[0]
        else:
            every = And(clauses) if len(clauses) == len(required) else None
            if every is None or not self.backend_matches(every):
                self.search_query = Or(clauses) if len(clauses) > 1 else clauses[0]
                self.relaxed = True
            else:
                self.search_query = every
        if written:
            words = []
            for word in self.q.split():
                folded = analyse(word, self.language)
                words.append(written.get(folded[0].word, word) if len(folded) == 1 else word)
            self.suggestion = " ".join(words)

    def backend_search(self, search_query, page_ids=None, order_by_relevance=True, with_pages=False):
        """The backend's results: this language's documents that match ``search_query``, of
        the pages ``page_ids`` (a subquery) if given; ``with_pages``: each document read with
        its item's specific page (the rows the backend hands back carry it: no query more)."""
        backend = search_backend()
        documents = self.documents() if page_ids is None else self.documents().filter(page__in=page_ids)
        if with_pages:
            links = [f"page__{link}" for link in item_links().values()]
            documents = (
                documents.select_related("page", *links)
                .defer(*DOCUMENT_FIELDS)
                .annotate(**{FACTS: item_facts("page_id")})
            )
        return backend.search(
            search_query,
            documents,
            # A search service searches the analysed fields themselves (whitespace analyser),
            # not its catch-all field; the database backends use their index entries.
            fields=None if in_database(backend) else list(DOCUMENT_FIELDS),
            order_by_relevance=order_by_relevance,
        )

    def page_ids_matching(self, search_query):
        """The pages whose document in this language matches: a subquery on the database
        backends (the library's own rows then narrow it to its scope and filters), the
        (bounded) list of ids a search service returned otherwise."""
        results = self.backend_search(search_query, order_by_relevance=False)
        if in_database(search_backend()):
            return results.get_queryset().values("page_id")
        return [document.page_id for document in results[:MAX_EXTERNAL_HITS]]

    def backend_matches(self, search_query) -> bool:
        """Whether any item this library lists matches ``search_query`` (one query)."""
        return self.listed_rows().filter(page_id__in=self.page_ids_matching(search_query)).exists()

    def matching_page_ids(self):
        return self.page_ids_matching(self.search_query)

    def text_condition(self) -> Q:
        """A condition on index rows' ``page_id``: the item's document matches the search."""
        if not hasattr(self, "search_query"):
            self.plan_text_search()
        if self.match_nothing:
            return Q(page_id__in=[])
        if self.search_query is None:
            return Q()
        if not hasattr(self, "_text_condition"):
            self._text_condition = Q(page_id__in=self.matching_page_ids())
        return self._text_condition

    def in_language(self, field: str):
        """Whether the item exists in the visitor's language: one uncorrelated list of items,
        read once per query (a correlated lookup per item cost more at 10,000 items)."""
        from sitecontent.models import LibraryFacet

        in_language = LibraryFacet.objects.filter(facet="language", value=self.language).values("page_id")
        return ExpressionWrapper(Q(**{f"{field}__in": in_language}), output_field=BooleanField())

    @staticmethod
    def facet_condition(name: str, values: list[str]) -> Q:
        """A condition on index rows' ``page_id``: the item has one of ``values`` for ``name``.

        Not correlated: the database reads the matching items once per query."""
        from sitecontent.models import LibraryFacet

        return Q(page_id__in=LibraryFacet.objects.filter(facet=name, value__in=values).values("page_id"))

    def with_facets(self, rows, selected, except_facet=None):
        """``rows`` narrowed to the items that have one of the ``selected`` values of each
        facet (but ``except_facet``)."""
        for name, values in selected.items():
            if values and name != except_facet:
                rows = rows.filter(self.facet_condition(name, values))
        return rows

    def filtered_rows(self, selected, except_facet=None, text=True):
        """The "listed" rows of the items that pass the search and ``selected`` filters."""
        rows = self.listed_rows()
        if text:
            rows = rows.filter(self.text_condition())
        return self.with_facets(rows, selected, except_facet)

    def filtered(self, selected, except_facet=None):
        """The items that pass the search and ``selected`` filters, as pages (for the API)."""
        return Page.objects.filter(pk__in=self.filtered_rows(selected, except_facet).values("page_id"))

    def counts(self, selected, facet_names, base=None) -> tuple[dict[str, dict[str, int]], int]:
        """({facet: {value: count}}, total) in one grouped query over the index rows.

        Disjunctive counts: each facet's options are counted with every *other* facet's
        filters applied (what ticking the option would add), the total with all of them.
        The filtered base (scope and search: ``base``, the rows ``Filters.base`` holds) is
        one subquery, read once."""
        from sitecontent.models import LibraryFacet

        from .indexing import LISTED

        conditions = {name: self.facet_condition(name, values) for name, values in selected.items() if values}
        which = Q(pk__in=[])
        for name in [*facet_names, LISTED]:
            rule = Q(facet=name)
            for other, condition in conditions.items():
                if other != name:
                    rule &= condition
            which |= rule
        if base is None:
            base = self.listed_rows().filter(self.text_condition())
        counts: dict[str, dict[str, int]] = {}
        for facet, value, number in (
            LibraryFacet.objects.filter(which, page_id__in=base.values("page_id"))
            .values("facet", "value")
            .annotate(n=Count("page_id"))
            .values_list("facet", "value", "n")
        ):
            counts.setdefault(facet, {})[value] = number
        total = sum(counts.pop(LISTED, {}).values())
        return counts, total

    # -- the whole page: filtering, facets, selection ---------------------------------------
    def run(self) -> LibraryPage:
        """The library page: what the request filters on (built once), every facet's counts
        and the total (one query), then the page of results and the teacher's selection."""
        filters = self.filtering()
        facets, total = self.facets(filters)
        selection = self.selection(filters, total)
        return self.library_page(filters, facets, total, selection)

    def filtering(self) -> Filters:
        """The request's filters, resolved once: the vocabularies (two queries), the selected
        values that exist, the search planned (a few queries whatever the library's size),
        and the filtered base, the "listed" rows in scope that match the search, which the
        counts and the results both read."""
        vocab = self.vocabularies()
        facet_names = [name for name, _label in FACETS if name in vocab and self.shows_facet(name)]
        # Unknown values (a stale bookmark, a typo) are dropped rather than matching nothing.
        selected = {
            name: [v for v in dict.fromkeys(self.selected.get(name, [])) if v in vocab[name]] for name in facet_names
        }
        base = self.listed_rows().filter(self.text_condition())  # plans the search
        return Filters(
            vocab=vocab,
            facet_names=facet_names,
            selected=selected,
            base=base,
            searching=bool(self.q and self.search_query is not None),
        )

    def facets(self, filters: Filters) -> tuple[list[Facet], int]:
        """Every shown facet with its options' counts, and the total: one grouped query."""
        counts, total = self.counts(filters.selected, filters.facet_names, base=filters.base)
        facets = []
        for name, label in FACETS:
            if name not in filters.facet_names:
                continue
            options = [
                FacetOption(value, str(text), counts.get(name, {}).get(value, 0), value in filters.selected[name])
                for value, text in filters.vocab[name].items()
            ]
            facets.append(Facet(name, str(label), options))
        return facets, total

    def selection(self, filters: Filters, total: int) -> Selection:
        """The page of results (in order) and the teacher's chosen items: the results (one
        query, or the search backend's, whose documents bring their items' pages and facts),
        then one query for the pages and facts of the others (``items``)."""
        paginator_page, rows = self.result_rows(filters, total)
        found = {row.pk: (row.page, row.facts) for row in rows if row.page is not None}
        wanted = [pk for pk in dict.fromkeys([row.pk for row in rows] + self.picks.candidates) if pk not in found]
        if wanted:
            found.update(self.items(wanted))
        facts = {pk: item_facts for pk, (_page, item_facts) in found.items()}
        for row in rows:
            if row.in_language is None:
                row.in_language = self.language in facts.get(row.pk, {}).get("language", [])
        # A chosen item is kept only if it is listed, whatever the scope (``items`` reads
        # only listed ones).
        self.picks.resolve({pk: found[pk][0] for pk in self.picks.candidates if pk in found}, facts, self.language)
        results = [
            self.result(row, facts.get(row.pk, {}), found[row.pk][0] if row.pk in found else row, filters.vocab)
            for row in rows
        ]
        return Selection(paginator_page=paginator_page, results=results)

    def result_rows(self, filters: Filters, total: int) -> tuple[object, list[SimpleNamespace]]:
        """(the paginator's page, [(pk, in_language or None when unknown yet)]) of the page
        of results asked for: the search backend's order (relevance) when searching, else
        items in the visitor's language first, newest first."""
        if filters.searching:
            # Relevance from the backend, over this language's documents of the items that
            # pass the filters (the search itself is the backend's query).
            page_ids = self.with_facets(self.listed_rows(), filters.selected).values_list("page_id", flat=True)
            results = self.backend_search(self.search_query, page_ids, with_pages=True)
        else:
            page_ids = self.with_facets(filters.base, filters.selected).values("page_id")
            results = (
                Page.objects.filter(pk__in=page_ids)
                .annotate(in_language=self.in_language("pk"))
                .order_by("-in_language", "-first_published_at", "-pk")
                .values_list("pk", "in_language")
            )
        paginator = Paginator(results, self.per_page)
        paginator.count = total  # counted with the facets (cached_property)
        try:
            page = paginator.page(self.page_number)
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        if filters.searching:  # the backend's documents, best first, with their pages
            links = item_links()
            rows = [
                SimpleNamespace(
                    pk=document.page_id,
                    in_language=None,
                    page=item_page(document.page, links),
                    facts=read_facts(getattr(document, FACTS)),
                )
                for document in page.object_list
            ]
        else:
            rows = [
                SimpleNamespace(pk=pk, in_language=in_language, page=None, facts=None)
                for pk, in_language in page.object_list
            ]
        return page, rows

    @staticmethod
    def items(pks) -> dict[int, tuple[Page, dict[str, list[str]]]]:
        """{pk: (specific page, {facet: [values]})} of those of these pages that the library
        lists, in one query: the page rows joined to every item type's table, each with its
        facts (``item_facts``)."""
        from sitecontent.models import LibraryFacet

        from .indexing import LISTED

        links = item_links()
        listed = LibraryFacet.objects.filter(facet=LISTED).values("page_id")
        rows = (
            Page.objects.filter(pk__in=list(pks))
            .filter(pk__in=listed)
            .select_related(*links.values())
            .annotate(**{FACTS: item_facts("pk")})
        )
        return {page.pk: (item_page(page, links), read_facts(getattr(page, FACTS))) for page in rows}

    def result(self, row, item_facts: dict[str, list[str]], page, vocab) -> LibraryResult:
        """One result as the page shows it: its languages, topics, age bands and region."""
        region = (item_facts.get("region") or [None])[0]
        topic_names = vocab["topic"]
        age_bands = dict(AGE_BANDS)
        return LibraryResult(
            page=page,
            languages=[code for code in vocab["language"] if code in item_facts.get("language", [])],
            in_language=row.in_language,
            topics=[topic_names[s] for s in item_facts.get("topic", []) if s in topic_names],
            age_bands=[str(age_bands[a]) for a in item_facts.get("age", []) if a in age_bands],
            region=region,
            region_name=vocab["region"].get(region or "", ""),
            region_page=self.region_pages.get(region or ""),
        )

    def library_page(self, filters: Filters, facets: list[Facet], total: int, selection: Selection) -> LibraryPage:
        """Everything the template shows, with the links that keep the filters."""
        selected = filters.selected
        applied = [(name, v) for name, values in selected.items() for v in values]
        return LibraryPage(
            query=self.q,
            facets=facets,
            results=selection.results,
            paginator_page=selection.paginator_page,
            total=total,
            language=self.language,
            filtered=bool(self.q or any(selected.values())),
            picks=self.picks,
            filters_query=urlencode(([("q", self.q)] if self.q else []) + applied),
            has_filters=any(selected.values()),
            relaxed=self.relaxed,
            suggestion=self.suggestion,
            suggestion_query=urlencode([("q", self.suggestion)] + applied) if self.suggestion else "",
        )


def public_regions():
    """Live regions that are not private (nor below a private page), by tree order: one query."""
    from django.db.models.functions import Length, Substr
    from wagtail.models import PageViewRestriction

    from sitecontent.models import RegionPage

    restricted_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path")), page__depth__lte=OuterRef("depth")
    )
    return RegionPage.objects.live().exclude(Exists(restricted_above)).order_by("path")
