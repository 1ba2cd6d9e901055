"""The library query: filters from the query string, facet counts, search in one language.

Every step is a fixed number of SQL queries (one per facet, a count, a page of results,
one per item type for the specific pages, one for the results' facts), whatever the number
of items. Text search reads ``LibrarySearchText`` rows of the active language only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from translations.languages import DEFAULT_LANGUAGE

from .indexing import normalise
from .picks import ACTIONS, Picks
from .vocabulary import AGE_BANDS, AUDIENCES, FORMATS

MAX_TERMS = 8
MAX_QUERY_LENGTH = 200


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

    @property
    def hidden_picks(self) -> list[int]:
        """Chosen ids that have no checkbox on this page of results (kept as hidden inputs)."""
        shown = {result.page.pk for result in self.results}
        return [pk for pk in self.picks.ids if pk not in shown]


def item_models():
    from sitecontent.models import GuidePage, ResourcePage

    return (ResourcePage, GuidePage)


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
        from sitecontent.models import RegionPage, Topic

        vocab = {
            "audience": dict(AUDIENCES),
            "age": dict(AGE_BANDS),
            "format": dict(FORMATS),
            # Each language by its own name ("français"), as everywhere on the site.
            "language": {code: get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES},
            "topic": {topic.slug: topic.name for topic in Topic.objects.all()},
        }
        if self.show_region_facet:
            vocab["region"] = {
                region.short_code: region.title for region in RegionPage.objects.live().public().order_by("path")
            }
        return vocab

    # -- building blocks -------------------------------------------------------------------
    def items_queryset(self):
        """Every live, public library item, whatever the scope (a selection may span regions)."""
        from django.contrib.contenttypes.models import ContentType

        from sitecontent.routing import under_unpublished

        types = ContentType.objects.get_for_models(*item_models()).values()
        # Not below an unpublished library or region either (sitecontent.routing).
        return Page.objects.live().public().exclude(under_unpublished()).filter(content_type__in=list(types))

    def base_queryset(self):
        queryset = self.items_queryset()
        if self.scope is not None:
            queryset = queryset.descendant_of(self.scope)
        return queryset

    def terms(self) -> list[str]:
        return [normalise(term) for term in self.q.split()][:MAX_TERMS]

    def text_condition(self) -> Q:
        from sitecontent.models import LibrarySearchText

        condition = Q()
        for term in self.terms():
            condition &= Q(
                Exists(
                    LibrarySearchText.objects.filter(
                        page_id=OuterRef("pk"), language=self.language, text__contains=term
                    )
                )
            )
        return condition

    def facet_condition(self, name: str, values: list[str]) -> Q:
        from sitecontent.models import LibraryFacet

        return Q(Exists(LibraryFacet.objects.filter(page_id=OuterRef("pk"), facet=name, value__in=values)))

    def filtered(self, selected, except_facet=None):
        queryset = self.base_queryset().filter(self.text_condition())
        for name, values in selected.items():
            if values and name != except_facet:
                queryset = queryset.filter(self.facet_condition(name, values))
        return queryset

    # -- the whole page --------------------------------------------------------------------
    def run(self) -> LibraryPage:
        from sitecontent.models import LibraryFacet

        vocab = self.vocabularies()
        facet_names = [name for name, _label in FACETS if name in vocab]
        # Unknown values (a stale bookmark, a typo) are dropped rather than matching nothing.
        selected = {
            name: [v for v in dict.fromkeys(self.selected.get(name, [])) if v in vocab[name]] for name in facet_names
        }

        facets = []
        for name, label in FACETS:
            if name not in vocab:
                continue
            # Disjunctive counts: what this option would give with every other filter applied.
            counts = dict(
                LibraryFacet.objects.filter(
                    facet=name, page_id__in=self.filtered(selected, except_facet=name).values("pk")
                )
                .values("value")
                .annotate(n=Count("page_id"))
                .values_list("value", "n")
            )
            options = [
                FacetOption(value, str(text), counts.get(value, 0), value in selected[name])
                for value, text in vocab[name].items()
            ]
            facets.append(Facet(name, str(label), options))

        in_language = Exists(LibraryFacet.objects.filter(page_id=OuterRef("pk"), facet="language", value=self.language))
        results = (
            self.filtered(selected)
            .annotate(in_language=in_language)
            .order_by("-in_language", "-first_published_at", "-pk")
        )
        paginator = Paginator(results, self.per_page)
        try:
            page = paginator.page(self.page_number)
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)

        rows = list(page.object_list)
        specific = {p.pk: p for p in Page.objects.filter(pk__in=[r.pk for r in rows]).specific()}
        # One query for the facts of the results and of the chosen items alike.
        facts: dict[int, dict[str, list[str]]] = {pk: {} for pk in [r.pk for r in rows] + self.picks.candidates}
        for page_id, facet, value in LibraryFacet.objects.filter(page_id__in=list(facts)).values_list(
            "page_id", "facet", "value"
        ):
            facts[page_id].setdefault(facet, []).append(value)
        self.picks.resolve(self.items_queryset, facts, self.language)
        topic_names = vocab["topic"]
        results_out = []
        for row in rows:
            item_facts = facts[row.pk]
            languages = [code for code in vocab["language"] if code in item_facts.get("language", [])]
            results_out.append(
                LibraryResult(
                    page=specific.get(row.pk, row),
                    languages=languages,
                    in_language=row.in_language,
                    topics=[topic_names[s] for s in item_facts.get("topic", []) if s in topic_names],
                    age_bands=[str(dict(AGE_BANDS)[a]) for a in item_facts.get("age", []) if a in dict(AGE_BANDS)],
                    region=(item_facts.get("region") or [None])[0],
                )
            )
        return LibraryPage(
            query=self.q,
            facets=facets,
            results=results_out,
            paginator_page=page,
            total=paginator.count,
            language=self.language,
            filtered=bool(self.q or any(selected.values())),
            picks=self.picks,
            filters_query=urlencode(
                ([("q", self.q)] if self.q else []) + [(name, v) for name, values in selected.items() for v in values]
            ),
        )
