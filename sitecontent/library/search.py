"""The library query: filters from the query string, facet counts, search in one language.

The library reads its own index only (``LibraryFacet``, ``LibraryDocument``: written on
publish, removed on unpublish, and rewritten when a page above an item is unpublished,
made private or moved, ``sitecontent.library.indexing``): an item is listed when it has
its "listed" row, which indexing writes for live, public items only. So a request never
reads the view restrictions or the unpublished sections, and never scans the page tree.

Every step is a fixed number of SQL queries whatever the number of items, and none reads
every item of a library (``benchmarks/library_page.py`` compares 100 and 10,000): the
vocabularies (topics, regions); one query for every facet's counts and the total (each
facet counted with the other facets' filters): with no filter and no search, the counts
indexing keeps per region (``LibraryFacetCount``, ``sitecontent.library.counting``), else
the facet rows of the items that pass every filter but at most one, found once from the
chosen values' own rows (or from the search's matches) and counted in one pass; a page of
results read in the library's order through the index rows' own index (``LibraryFacet``
carries each item's region and first publication), which stops after the page; and one
query for the results' and chosen items' specific pages with their facts.

Text search goes through Wagtail's search API: the backend named by
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
    Case,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    TextField,
    Value,
    When,
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

    def region_scope(self) -> str | None | bool:
        """The region code the library is scoped to, None for every region, or False when
        the scope is another page (the items below it)."""
        from sitecontent.models import RegionPage

        scope = self.scope
        if scope is None:
            return None
        if not isinstance(scope, RegionPage) and issubclass(scope.specific_class or Page, RegionPage):
            scope = self.scope = scope.specific
        if isinstance(scope, RegionPage):
            return scope.short_code
        return False

    def scope_condition(self) -> Q:
        """A condition on index rows: their item is one this library lists. A region's rows
        carry its code (``LibraryFacet.region``, indexed with the facet and value); below any
        other page, the item's tree path."""
        region = self.region_scope()
        if region is None:
            return Q()
        if region is False:
            return Q(page__path__startswith=self.scope.path)
        return Q(region=region)

    def rows(self, facet: str, values=None):
        """The index rows of this library's items for ``facet`` (of one of ``values``)."""
        from sitecontent.models import LibraryFacet

        rows = LibraryFacet.objects.filter(self.scope_condition(), facet=facet)
        return rows if values is None else rows.filter(value__in=list(values))

    def listed_rows(self):
        """The "listed" index row of every item this library lists: one row per item, read
        through the index of its region (or of every region), not through the page tree.
        Its value ("") is named too, so that the index holds the rows newest first."""
        from sitecontent.models.library import LISTED

        return self.rows(LISTED, [""])

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

    @staticmethod
    def term_begins(text: str) -> Q:
        """Vocabulary rows whose term begins with ``text``. On SQLite also as the range of
        terms from ``text`` to the next string of its length (terms compare as their UTF-8
        bytes there), so the vocabulary's index is read, not every word of the language
        (``LIKE`` ignores case, which the index does not)."""
        from django.db import connections

        from sitecontent.models import LibraryWord

        begins = Q(term__startswith=text)
        if text and connections[LibraryWord.objects.db].vendor == "sqlite" and ord(text[-1]) < 0x10FFFF:
            following = ord(text[-1]) + 1
            following = 0xE000 if 0xD800 <= following <= 0xDFFF else following  # no surrogates in UTF-8
            begins &= Q(term__gte=text, term__lt=text[:-1] + chr(following))
        return begins

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
                wanted |= self.term_begins(term.text) if term.prefix else Q(term=term.text)
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

    def backend_search(self, search_query, page_ids=None, order_by_relevance=True, with_pages=False, scoped=False):
        """The backend's results: this language's documents that match ``search_query``, of
        the pages ``page_ids`` (a subquery) if given; ``scoped``: of the items this library
        lists, each looked up in its own rows (``in_scope``; a backend in the database only);
        ``with_pages``: each document read with its item's specific page (the rows the backend
        hands back carry it: no query more)."""
        backend = search_backend()
        documents = self.documents() if page_ids is None else self.documents().filter(page__in=page_ids)
        if scoped:  # as a filter on the "page" filter field, which Wagtail's search accepts
            documents = documents.filter(page__in=self.in_scope().values("page_id"))
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

    def searching_text(self) -> bool:
        """Whether a search narrows the items (planned first)."""
        if not hasattr(self, "search_query"):
            self.plan_text_search()
        return self.search_query is not None or self.match_nothing

    @staticmethod
    def facet_condition(name: str, values: list[str]) -> Q:
        """A condition on index rows' ``page_id``: the item has one of ``values`` for ``name``.

        Not correlated: the database reads the matching items once per query."""
        from sitecontent.models import LibraryFacet

        return Q(page_id__in=LibraryFacet.objects.filter(facet=name, value__in=values).values("page_id"))

    @staticmethod
    def has_facet(name: str, values: list[str]) -> Exists:
        """Whether the item of an index row has one of ``values`` for ``name``: one look-up in
        the index of the item's own rows (correlated), whatever the number of items."""
        from sitecontent.models import LibraryFacet

        return Exists(LibraryFacet.objects.filter(page_id=OuterRef("page_id"), facet=name, value__in=list(values)))

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

    def passing_rows(self, selected):
        """Index rows with the ``page_id`` of each item in scope that passes the ``selected``
        filters (not the search; an item with several of the chosen values of a facet comes
        more than once): the rows of one chosen facet's values, each item then checked for the
        other facets in its own rows (``has_facet``), so the cost follows that facet's items,
        not the library's. Without a filter, the "listed" rows."""
        chosen = {name: values for name, values in selected.items() if values}
        if not chosen:
            return self.listed_rows()
        # The facet whose chosen values fewest items have (``self.sizes``, from the counts).
        sizes = getattr(self, "sizes", {})
        first = min(chosen, key=lambda name: (sum(sizes.get(name, {}).get(v, 0) for v in chosen[name]), name))
        rows = self.rows(first, chosen[first])
        for name, values in chosen.items():
            if name != first:
                rows = rows.filter(self.has_facet(name, values))
        return rows

    def counts(self, selected, facet_names) -> tuple[dict[str, dict[str, int]], int]:
        """({facet: {value: count}}, total) in one query, whatever the number of items.

        Disjunctive counts: each facet's options are counted with every *other* facet's
        filters applied (what ticking the option would add), the total with all of them.
        With no filter and no search, a region's (or every region's) counts are the ones
        indexing keeps (``counting``). Otherwise the items that pass every filter but at most
        one (``candidates``) are found once, and their facet rows counted in one pass, each
        row where the item passes every filter but the row's own facet's."""
        from django.db import connections

        from sitecontent.models import LibraryFacet
        from sitecontent.models.library import LISTED

        from .counting import counts_in

        chosen = {name: values for name, values in selected.items() if values}
        names = [*facet_names, LISTED]
        searching = self.searching_text()
        region = self.region_scope()
        kept = region is not False  # counts are kept per region
        if self.match_nothing:
            return {}, 0
        if kept and not searching and not chosen:
            counts = counts_in(region)
            self.sizes = counts
            found = {name: counts[name] for name in facet_names if name in counts}
            return found, counts.get(LISTED, {}).get("", 0)
        if searching or not (len(chosen) >= 2 or (len(chosen) == 1 and kept)):
            found = self.counts_by_facts(chosen, searching, names)
            if found is not None:
                self.sizes = found
                total = sum(found.pop(LISTED, {}).values())
                return found, total
        sql, params, first_kept = self.counts_sql(chosen, searching, kept)
        # A facet counted from the kept counts is counted from them only.
        skipped = next(iter(chosen)) if first_kept else None
        counts: dict[str, dict[str, int]] = {name: {} for name in names}
        with connections[LibraryFacet.objects.db].cursor() as cursor:
            cursor.execute(sql, params)
            for from_kept, facet, value, number in cursor.fetchall():
                if facet in counts and (from_kept or facet != skipped):
                    counts[facet][value] = int(number)
        self.sizes = counts
        total = sum(counts.pop(LISTED, {}).values())
        return counts, total

    def counts_by_facts(self, chosen, searching, names) -> dict[str, dict[str, int]] | None:
        """{facet: {value: count}} of the items that match the search (or of every item in
        scope) for the facets ``names``, each facet counted with the other facets' filters:
        one query reading each such item's "listed" row once, whose ``facts`` (every fact of
        the item, ``LibraryFacet.facts``) are grouped in the database, so that the items with
        the same facts come as one row with their number; which filters they pass is decided
        here once per distinct set of facts. Counted as ``counts_sql`` counts the facet rows.
        None when a "listed" row has no facts ("": written otherwise than by
        ``indexing.write_facets``): the caller counts the rows themselves."""
        from django.db import connections

        from sitecontent.models import LibraryFacet
        from sitecontent.models.library import LISTED

        connection = connections[LibraryFacet.objects.db]
        table = connection.ops.quote_name(LibraryFacet._meta.db_table)
        region = self.region_scope()
        matching = self.matching_page_ids() if searching else None
        if searching and region is not False and not isinstance(matching, list):
            # The item's "listed" row, read below, is the look-up of its scope.
            items = matching
        else:
            items = (self.search_rows() if searching else self.listed_rows()).values("page_id")
        items_sql, params = items.order_by().query.sql_with_params()
        params = (*params, LISTED, "")
        scope = ""
        if isinstance(region, str):
            scope = " AND l.region = %s"
            params = (*params, region)
        # SQLite keeps the tables in the order written after CROSS JOIN: the items first,
        # each one's "listed" row by its own index.
        join = "CROSS JOIN" if connection.vendor == "sqlite" else "INNER JOIN"
        # The table, aliases and the items' SQL are ours; every value is a parameter.
        sql = (
            f"SELECT l.facts, COUNT(*) FROM ({items_sql}) h {join} {table} l "  # noqa: S608
            f"ON l.page_id = h.page_id AND l.facet = %s AND l.value = %s{scope} GROUP BY l.facts"
        )
        counts: dict[str, dict[str, int]] = {name: {} for name in names}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            grouped = cursor.fetchall()
        for text, number in grouped:
            if not text:
                return None
            item = read_facts(text)
            failed = [name for name, values in chosen.items() if not any(v in values for v in item.get(name, ()))]
            if len(failed) > 1:
                continue
            for facet, values in item.items():
                # Every fact of an item that passes every filter; of one that passes every
                # filter but one facet's, that facet's facts only.
                if facet in counts and (not failed or facet == failed[0]):
                    for value in values:
                        counts[facet][value] = counts[facet].get(value, 0) + int(number)
        return counts

    def candidates(self, chosen: dict[str, list[str]], searching: bool, kept: bool) -> tuple[str, tuple, bool]:
        """(SQL, params, whether the first chosen facet is counted from the kept counts) of the
        items whose facet rows are counted, one row each, with one column per chosen facet
        (``m0``, ``m1``, …: 1 when the item passes that facet's filter).

        Without a search, the items that pass every chosen filter but at most one, found from
        the rows of the chosen values themselves, grouped by item: their cost follows the
        filtered items, not the library. A single filter is counted there too, but its own
        facet then counts every item, which the kept counts give. With a search (or a scope
        below a page other than a region), every matching item in scope, each looked up in
        its own rows for the filters it passes."""
        from django.db import connections

        from sitecontent.models import LibraryFacet

        connection = connections[LibraryFacet.objects.db]
        k = len(chosen)
        marks = [f"m{i}" for i in range(k)]
        if not searching and (k >= 2 or (k == 1 and kept)):
            arms, params = [], []
            for i, (name, values) in enumerate(chosen.items()):
                arm = (
                    self.rows(name, values)
                    .annotate(**{mark: Value(int(j == i)) for j, mark in enumerate(marks)})
                    .values("page_id", *marks)
                )
                sql, arm_params = arm.query.sql_with_params()
                arms.append(sql)
                params += arm_params
            columns = ", ".join(f"MAX(hit.{mark}) AS {mark}" for mark in marks)
            passed = " + ".join(f"MAX(hit.{mark})" for mark in marks)
            # Column names and the arms' SQL are ours (compiled by the ORM); values are parameters.
            sql = (
                f"SELECT hit.page_id AS page_id, {columns} FROM ({' UNION ALL '.join(arms)}) hit "  # noqa: S608
                f"GROUP BY hit.page_id HAVING {passed} >= %s"
            )
            return sql, (*params, k - 1), k == 1
        # One row per item, grouped so that each item's look-ups are made once; which of them
        # pass every filter but one is decided with the facet rows (``counts_sql``), not here,
        # where the look-ups would be made again.
        rows = (self.search_rows() if searching else self.listed_rows()).order_by()
        rows = rows.values("page_id").annotate(
            **{
                mark: Max(
                    Case(
                        When(self.has_facet(name, values), then=Value(1)), default=Value(0), output_field=IntegerField()
                    )
                )
                for mark, (name, values) in zip(marks, chosen.items(), strict=True)
            }
        )
        sql, params = rows.values("page_id", *marks).query.sql_with_params()
        if connection.vendor == "postgresql":
            # A fence: PostgreSQL would otherwise push the counting query's conditions on
            # the marks into this grouping, computing every look-up again for each.
            sql = f"{sql} OFFSET 0"
        return sql, params, False

    def in_scope(self):
        """Whether the item of a row with a ``page_id`` is one this library lists (the rows
        that say so, correlated: ``Exists`` of them, or ``page__in`` them): a look-up in the
        item's own rows (its "region" row for a region's library)."""
        from sitecontent.models import LibraryFacet
        from sitecontent.models.library import LISTED

        region = self.region_scope()
        rows = LibraryFacet.objects.filter(page_id=OuterRef("page_id"))
        if region is None:
            return rows.filter(facet=LISTED)
        if region is False:
            return rows.filter(facet=LISTED, page__path__startswith=self.scope.path)
        # The item's "region" row, looked up by item, facet and value (the row's own index);
        # every listed item of a region has it.
        return rows.filter(facet="region", value=region)

    def search_rows(self):
        """Rows with a ``page_id``, one for each item in scope that matches the search: the
        backend's matching documents (in this language) when it keeps its index in the
        database, each checked for its item in scope (``in_scope``), so the cost follows the
        matches, not the library; else the listed rows of the ids a search service returned."""
        matching = self.matching_page_ids()
        if isinstance(matching, list):
            return self.listed_rows().filter(page_id__in=matching)
        return matching.filter(Exists(self.in_scope()))

    def counts_sql(self, chosen, searching, kept) -> tuple[str, tuple, bool]:
        """(SQL, params, whether the first chosen facet's counts are the kept ones) of the
        counts query: the candidates' facet rows, each counted where its item passes every
        filter but its own facet's, grouped by facet and value (rows ``(0, facet, value, n)``);
        with a single filter and no search, that facet's kept counts besides (``(1, …)``)."""
        from django.db import connections

        from sitecontent.models import LibraryFacet, LibraryFacetCount

        connection = connections[LibraryFacet.objects.db]
        table = connection.ops.quote_name(LibraryFacet._meta.db_table)
        candidates, params, first_kept = self.candidates(chosen, searching, kept)
        marks = [f"h.m{i}" for i in range(len(chosen))]
        where = []
        if marks:
            # The item passes every filter, or every filter but the row's facet's.
            passed = " + ".join(marks)
            passes = [f"{passed} = %s"]
            params = (*params, len(marks))
            for mark, name in zip(marks, chosen, strict=True):
                passes.append(f"(f.facet = %s AND {mark} = 0 AND {passed} = %s)")
                params = (*params, name, len(marks) - 1)
            where.append(f"WHERE {' OR '.join(passes)}")
        # Every facet row of the candidates is read (those of facets not shown are left out
        # afterwards): with no condition on the facet itself, the database reads the
        # candidates first and each one's rows through its own index, never every row of a
        # facet. SQLite keeps the tables in the order written after CROSS JOIN.
        join = "CROSS JOIN" if connection.vendor == "sqlite" else "INNER JOIN"
        # The table, aliases and the candidates' SQL are ours; every value is a parameter.
        sql = (
            f"SELECT 0 AS kept, f.facet, f.value, COUNT(*) FROM ({candidates}) h "  # noqa: S608
            f"{join} {table} f ON f.page_id = h.page_id {' '.join(where)} GROUP BY f.facet, f.value"
        )
        if first_kept:
            name = next(iter(chosen))
            region = self.region_scope()
            kept_rows = LibraryFacetCount.objects.filter(facet=name, items__gt=0)
            if region is not None:
                kept_rows = kept_rows.filter(region=region)
            kept_sql, kept_params = (
                kept_rows.values("facet", "value")
                .annotate(kept=Value(1), n=Sum("items"))
                .values_list("kept", "facet", "value", "n")
            ).query.sql_with_params()
            sql = f"{sql} UNION ALL {kept_sql}"
            params = (*params, *kept_params)
        return sql, params, first_kept

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
        values that exist, and the search planned (a few queries whatever the library's
        size), which the counts and the results both read."""
        vocab = self.vocabularies()
        facet_names = [name for name, _label in FACETS if name in vocab and self.shows_facet(name)]
        # Unknown values (a stale bookmark, a typo) are dropped rather than matching nothing.
        selected = {
            name: [v for v in dict.fromkeys(self.selected.get(name, [])) if v in vocab[name]] for name in facet_names
        }
        self.plan_text_search()
        return Filters(
            vocab=vocab,
            facet_names=facet_names,
            selected=selected,
            searching=bool(self.q and self.search_query is not None),
        )

    def facets(self, filters: Filters) -> tuple[list[Facet], int]:
        """Every shown facet with its options' counts, and the total: one grouped query."""
        counts, total = self.counts(filters.selected, filters.facet_names)
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
        items in the visitor's language first, newest first (``InOrder``)."""
        if filters.searching:
            # Relevance from the backend, over this language's documents of the items that
            # pass the filters (the search itself is the backend's query): the list of them,
            # read from the rarest chosen facet's rows. Without a filter, a backend in the
            # database checks each match for its item in scope in the item's own rows (no
            # list of every item in scope).
            if in_database(search_backend()) and not any(filters.selected.values()):
                results = self.backend_search(self.search_query, with_pages=True, scoped=True)
            else:
                page_ids = self.passing_rows(filters.selected).values_list("page_id", flat=True)
                results = self.backend_search(self.search_query, page_ids, with_pages=True)
        else:
            results = InOrder(self, filters.selected, None if self.match_nothing else self.in_language_total(filters))
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

    def in_language_total(self, filters: Filters) -> int | None:
        """How many results exist in the visitor's language, when the counts tell it: the
        language facet's count of the visitor's language, unless a language filter leaves
        that language out (None: not known)."""
        languages = filters.selected.get("language") or []
        if "language" not in filters.facet_names or (languages and self.language not in languages):
            return None
        return self.sizes.get("language", {}).get(self.language, 0)

    def ordered_rows(self, selected, in_language_total: int | None, bottom: int, top: int) -> list[tuple[int, bool]]:
        """[(item id, in the visitor's language)] of the results ``bottom`` to ``top`` in the
        library's order: the visitor's language first, then newest first (``published_at``,
        then id). One query, whatever the number of items: the items in the visitor's
        language are read from their language rows and the others from their "listed" rows,
        each through the index that holds them in that order, newest first, and each checked
        for the filters in its own rows, so the database stops after the page. When the
        counts tell how many results exist in the visitor's language, each part reads only
        its share of the page."""
        from sitecontent.models import LibraryFacet

        checks = [self.has_facet(name, values) for name, values in selected.items() if values]
        own = self.rows("language", [self.language]).filter(*checks)
        others = self.listed_rows().filter(*checks).exclude(self.has_facet("language", [self.language]))
        order = ("-published_at", "-page_id")
        own, others = own.order_by(*order).values("pk"), others.order_by(*order).values("pk")
        if in_language_total is None:
            parts, window = [own[:top], others[:top]], (bottom, top)
        else:
            shown = max(0, min(top, in_language_total) - bottom)
            start = max(0, bottom - in_language_total)
            parts = [own[bottom : bottom + shown], others[start : start + (top - bottom - shown)]]
            window = None
        wanted = Q(pk__in=[])
        for part in parts:
            if part.query.low_mark != part.query.high_mark:
                wanted |= Q(pk__in=part)
        rows = (
            LibraryFacet.objects.filter(wanted)
            .annotate(own=Case(When(facet="language", then=Value(1)), default=Value(0)))
            .order_by("-own", *order)
            .values_list("page_id", "own")
        )
        if window is not None:
            rows = rows[window[0] : window[1]]
        return [(pk, bool(own)) for pk, own in rows]

    @staticmethod
    def items(pks) -> dict[int, tuple[Page, dict[str, list[str]]]]:
        """{pk: (specific page, {facet: [values]})} of those of these pages that the library
        lists, in one query: the page rows joined to every item type's table, each with its
        facts (``item_facts``)."""
        from sitecontent.models import LibraryFacet
        from sitecontent.models.library import LISTED

        links = item_links()
        # Each page looked up in its own rows (a list of every listed item grew with them).
        listed = Exists(LibraryFacet.objects.filter(page_id=OuterRef("pk"), facet=LISTED))
        rows = (
            Page.objects.filter(pk__in=list(pks))
            .filter(listed)
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


class InOrder:
    """The results of a library query in the library's order, read a page at a time by the
    paginator (``LibraryQuery.ordered_rows``; the paginator's count is set from the counts)."""

    def __init__(self, query: LibraryQuery, selected, in_language_total: int | None):
        self.query, self.selected, self.in_language_total = query, selected, in_language_total

    def __getitem__(self, window: slice) -> list[tuple[int, bool]]:
        if self.in_language_total is None and self.query.match_nothing:
            return []
        return self.query.ordered_rows(self.selected, self.in_language_total, window.start or 0, window.stop)


def public_regions():
    """Live regions that are not private (nor below a private page), by tree order: one query."""
    from django.db.models.functions import Length, Substr
    from wagtail.models import PageViewRestriction

    from sitecontent.models import RegionPage

    restricted_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path")), page__depth__lte=OuterRef("depth")
    )
    # The regions' own rows first (a list of them, by key): SQLite otherwise read every page
    # of the tree in path order to find the regions among them.
    regions = RegionPage.objects.values("pk")
    return RegionPage.objects.live().filter(pk__in=regions).exclude(Exists(restricted_above)).order_by("path")
