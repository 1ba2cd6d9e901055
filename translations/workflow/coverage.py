"""Translation coverage of a region, per language, for the coordinators' report.

Which published pages and snippets have every translatable text in a language, which are
partly translated, and which fall back to another language; which translations are out of
date because their source text changed after they were made (models.SourceStamp). Each
item is compared with its own source language (translations.core.source: its region's, a
story's own, the one chosen for a shared topic or edition), never with English as such; in
its source language an item is complete.

``object_coverage`` computes an object's coverage from its fields; translations.workflow.coverage_store
stores it per object and language whenever content changes, and the report reads those rows:
one GROUP BY query for the counts and one query for a page of the list, whatever the number
of pages (``scope_objects`` still loads every object, for exports of everything missing).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace
from functools import reduce

from django.apps import apps
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import resolution_order
from wagtail.fields import StreamField
from wagtail.models import Page

from sitecontent.models import RegionPage
from sitecontent.regions import COORDINATORS, group_name

from ..core.fallback import region_fallbacks
from ..core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from ..core.source import source_language_of
from ..models import CoverageStatus, SourceStamp
from .units import (
    counted_fields,
    field_fingerprint,
    field_source_languages,
    field_texts,
    localized,
    text_fields,
    translatable_models,
)

COMPLETE = "complete"
PARTIAL = "partial"
FALLBACK = "fallback"
OUTDATED = "outdated"
STATUS_LABELS = {
    COMPLETE: _("Translated"),
    PARTIAL: _("Partly translated"),
    FALLBACK: _("Falls back"),
    OUTDATED: _("Out of date"),
}

ROWS_PER_PAGE = 50

#: Scope name for snippets that belong to no region (superusers only).
SHARED = "shared"


# -- who sees what ------------------------------------------------------------------------


def coordinated_regions(user):
    """Regions whose coverage ``user`` may see: all for superusers, else their own."""
    regions = RegionPage.objects.order_by("path")
    if user.is_superuser:
        return regions
    names = set(user.groups.values_list("name", flat=True))
    codes = [code for code in regions.values_list("short_code", flat=True) if group_name(code, COORDINATORS) in names]
    return regions.filter(short_code__in=codes)


def can_use_workflow(user) -> bool:
    """Superusers and region coordinators. Cached on the user: page listings ask per row."""
    cached = getattr(user, "_sid_translation_access", None)
    if cached is None:
        cached = bool(user.is_active and (user.is_superuser or coordinated_regions(user).exists()))
        user._sid_translation_access = cached
    return cached


def region_languages(region) -> list[str]:
    """Target languages of the region's report: those it offers besides its source language
    (every other language when it lists none). For SHARED snippets, whose source languages
    differ item by item, all ten."""
    if region == SHARED:
        return list(LANGUAGE_CODES)
    source = region.source_language
    offered = [code for code in (region.languages or []) if code in LANGUAGE_CODES and code != source]
    return offered or [code for code in LANGUAGE_CODES if code != source]


# -- which objects ----------------------------------------------------------------------------


def _snippet_models():
    return [m for m in translatable_models() if not issubclass(m, Page) and hasattr(m, "snippet_viewset")]


def region_link(model) -> str | None:
    """Name of the snippet's foreign key to a region, if it has one."""
    for model_field in model._meta.concrete_fields:
        related = getattr(model_field, "related_model", None)
        if model_field.many_to_one and related is not None and issubclass(related, RegionPage):
            return model_field.name
    return None


def _published(queryset):
    model = queryset.model
    if any(f.name == "live" for f in model._meta.concrete_fields):
        return queryset.filter(live=True)
    return queryset


def _deferred_streams(model, keep) -> list[str]:
    """StreamField columns of languages the report does not read: parsing JSON is the cost."""
    return [
        localized(name, code)
        for name in text_fields(model)
        if isinstance(model._meta.get_field(name), StreamField)
        for code in LANGUAGE_CODES
        if code not in keep
    ]


def scope_objects(region, languages=None) -> list:
    """Published pages of the region's subtree (the region included) and its snippets.

    ``region`` may be SHARED: snippets linked to no region. With ``languages``, StreamField
    columns of other languages are not loaded.
    """
    keep = set(languages) if languages else set(LANGUAGE_CODES)
    found = []
    page_models = [m for m in translatable_models() if issubclass(m, Page) and m is not Page]
    if region != SHARED:
        pages = Page.objects.filter(path__startswith=region.path, live=True)
        present = set(pages.order_by().values_list("content_type_id", flat=True).distinct())
        for model in page_models:
            if ContentType.objects.get_for_model(model).pk in present:
                pages = model.objects.filter(path__startswith=region.path, live=True).order_by("path")
                found.extend(pages.defer(*_deferred_streams(model, keep)))
    for model in _snippet_models():
        link = region_link(model)
        deferred = _deferred_streams(model, keep)
        if region == SHARED and link is None:
            found.extend(_published(model.objects.order_by("pk")).defer(*deferred))
        elif region != SHARED and link is not None:
            found.extend(_published(model.objects.filter(**{link: region}).order_by("pk")).defer(*deferred))
    return found


def _stamps(region, objects, language) -> dict[tuple[int, int, str], SourceStamp]:
    if not objects:
        return {}
    content_types = {ContentType.objects.get_for_model(obj).pk for obj in objects}
    page_cts = {ContentType.objects.get_for_model(obj).pk for obj in objects if isinstance(obj, Page)}
    condition = Q(content_type_id__in=content_types - page_cts)
    if page_cts and region != SHARED:
        condition |= Q(
            content_type_id__in=page_cts,
            object_id__in=Page.objects.filter(path__startswith=region.path).values("pk"),
        )
    stamps = SourceStamp.objects.filter(condition, language=language)
    return {(stamp.content_type_id, stamp.object_id, stamp.field): stamp for stamp in stamps}


# -- coverage of one object -------------------------------------------------------------------


@dataclass
class FieldCoverage:
    name: str
    label: object  # lazy verbose name: translated only for the rows that are shown
    total: int
    translated: int
    outdated: bool = False

    @property
    def status(self) -> str:
        if self.translated == 0:
            return FALLBACK
        return COMPLETE if self.translated >= self.total else PARTIAL


@dataclass
class ObjectCoverage:
    instance: object
    fields: list[FieldCoverage] = field(default_factory=list)
    shown_language: str | None = None

    @property
    def status(self) -> str:
        statuses = {f.status for f in self.fields}
        if not statuses or statuses == {COMPLETE}:
            return COMPLETE
        if statuses == {FALLBACK}:
            return FALLBACK
        return PARTIAL

    @property
    def outdated(self) -> bool:
        return any(f.outdated for f in self.fields)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def missing_fields(self):
        return [f for f in self.fields if f.status != COMPLETE]

    @property
    def outdated_fields(self):
        return [f for f in self.fields if f.outdated]

    @property
    def kind(self) -> str:
        return str(self.instance._meta.verbose_name)

    @property
    def title(self) -> str:
        # The source-language title: reading ``title`` would follow the admin user's language.
        return source_title(self.instance)


def source_title(instance) -> str:
    """The item's title in its source language (``str()`` when it has no title field)."""
    source = field_source_languages(instance).get("title") or source_language_of(instance)
    value = getattr(instance, localized("title", source), None)
    if value:
        return str(value)
    with translation.override(source):  # a snippet's str() follows the active language
        return str(instance)


def object_coverage(instance, language: str, stamps=None) -> ObjectCoverage:
    """Coverage of ``instance`` in ``language``, each field against its source language
    (``field_source_languages``). In its source language an item is complete.

    A StreamField text counts as translated when the language has its own, different text
    at the same block path: wagtail-modeltranslation's "copy content" button copies the
    whole source stream, and a copied block is a fallback in disguise.
    """
    stamps = stamps or {}
    content_type_id = ContentType.objects.get_for_model(instance).pk
    result = ObjectCoverage(instance)
    sources = field_source_languages(instance)
    for field_name in counted_fields(type(instance)):  # proper names are not missing text
        source_language = sources[field_name]
        if language == source_language:
            continue  # written in this language first: nothing to translate
        source = field_texts(instance, field_name, source_language)
        if not source:
            continue
        target = field_texts(instance, field_name, language)
        is_whole = list(source) == [field_name]
        translated = sum(1 for key, text in source.items() if target.get(key) and (is_whole or target[key] != text))
        model_field = instance._meta.get_field(field_name)
        coverage = FieldCoverage(field_name, model_field.verbose_name, len(source), translated)
        stamp = stamps.get((content_type_id, instance.pk, field_name))
        if stamp is not None and translated:
            coverage.outdated = stamp.source_hash != field_fingerprint(instance, field_name, source_language)
        result.fields.append(coverage)
    return result


def edit_url(instance) -> str:
    if isinstance(instance, Page):
        return reverse("wagtailadmin_pages:edit", args=(instance.pk,))
    viewset = getattr(type(instance), "snippet_viewset", None)
    try:
        return reverse(viewset.get_url_name("edit"), args=(quote(instance.pk),)) if viewset else ""
    except NoReverseMatch:
        return ""


# -- the report ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldSummary:
    name: str
    model_label: str
    translated: int
    total: int
    outdated: bool

    @property
    def label(self):
        return apps.get_model(self.model_label)._meta.get_field(self.name).verbose_name

    @property
    def status(self) -> str:
        return FieldCoverage(self.name, None, self.total, self.translated).status


@dataclass(frozen=True)
class ReportRow:
    """One object of the report (no model instance inside)."""

    pk: int
    model_label: str
    title: str
    status: str
    outdated: bool
    is_page: bool
    fields: tuple[FieldSummary, ...]
    shown_language: str | None
    #: For the person reading the report (``with_reader_titles``): the title in their admin
    #: language, or the one they get instead and its language; the page's parent section
    #: and when it was last published, to tell apart pages with the same title.
    display_title: str = ""
    title_language: str | None = None
    section: str = ""
    published_at: object = None

    @property
    def title_is_fallback(self) -> bool:
        return bool(self.title_language) and self.title_language != get_language()

    @classmethod
    def from_status(cls, row: CoverageStatus, chain: list[str]) -> ReportRow:
        """``row`` as listed; ``chain``: the languages readers of the row's language fall back to."""
        model = ContentType.objects.get_for_id(row.content_type_id).model_class()
        label = model._meta.label_lower if model else ""
        shown = None
        if row.status != COMPLETE and row.fields:
            shown = next((code for code in chain if code in row.present_languages), None)
        return cls(
            pk=row.object_id,
            model_label=label,
            title=row.title,
            status=row.status,
            outdated=row.outdated,
            is_page=row.is_page,
            fields=tuple(
                FieldSummary(name, label, translated, total, stale) for name, translated, total, stale in row.fields
            ),
            shown_language=shown,
        )

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def kind(self) -> str:
        return str(self.model._meta.verbose_name)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def edit_url(self) -> str:
        if self.is_page:
            return reverse("wagtailadmin_pages:edit", args=(self.pk,))
        viewset = getattr(self.model, "snippet_viewset", None)
        try:
            return reverse(viewset.get_url_name("edit"), args=(quote(self.pk),)) if viewset else ""
        except NoReverseMatch:
            return ""

    @property
    def missing_fields(self):
        return [f for f in self.fields if f.status != COMPLETE]

    @property
    def outdated_fields(self):
        return [f for f in self.fields if f.outdated]


def scoped_statuses(region, language: str):
    """Stored statuses of the objects in the report of ``region`` (a queryset, not run).

    Scope and publication are read from the pages and snippets themselves (subqueries), as
    ``scope_objects`` does: the region's subtree of live pages, and its published snippets
    (or, for SHARED, published snippets linked to no region).
    """
    conditions = []
    if region != SHARED:
        live_pages = Page.objects.filter(path__startswith=region.path, live=True).values("pk")
        conditions.append(Q(is_page=True, object_id__in=live_pages))
    for model in _snippet_models():
        link = region_link(model)
        if (region == SHARED) != (link is None):
            continue
        objects = model.objects.all() if link is None else model.objects.filter(**{link: region})
        content_type = ContentType.objects.get_for_model(model)
        conditions.append(Q(content_type=content_type, object_id__in=_published(objects).values("pk")))
    if not conditions:
        return CoverageStatus.objects.none()
    return CoverageStatus.objects.filter(reduce(operator.or_, conditions), language=language)


class Report:
    """Counts of one region and language (one GROUP BY query) and its list, a page at a time."""

    def __init__(self, region, language: str):
        self.region = region
        self.region_code = SHARED if region == SHARED else region.short_code
        self.language = language
        self.statuses = scoped_statuses(region, language)
        self.counts = {COMPLETE: 0, PARTIAL: 0, FALLBACK: 0, OUTDATED: 0}
        grouped = (
            self.statuses.order_by()
            .values("status")
            .annotate(n=Count("pk"), stale=Count("pk", filter=Q(outdated=True)))
        )
        for group in grouped:
            self.counts[group["status"]] += group["n"]
            self.counts[OUTDATED] += group["stale"]
        self.total = sum(self.counts[key] for key in (COMPLETE, PARTIAL, FALLBACK))

    def _chain(self) -> list[str]:
        rules = self.region.parsed_fallback_rules() if self.region != SHARED else None
        with region_fallbacks(rules):
            chain = list(resolution_order(self.language))
        # Then the source language, which every text falls back to last (translations.core.source).
        for code in (self.region.source_language if self.region != SHARED else None, DEFAULT_LANGUAGE):
            if code and code not in chain:
                chain.append(code)
        return chain

    def _rows(self, statuses) -> list[ReportRow]:
        chain = self._chain()
        return with_reader_titles([ReportRow.from_status(row, chain) for row in statuses])

    def page(self, status: str = "", number=None):
        """One page of rows (``ROWS_PER_PAGE``), optionally of one status or out of date."""
        statuses, count = self.statuses, self.total
        if status in (COMPLETE, PARTIAL, FALLBACK):
            statuses, count = statuses.filter(status=status), self.counts[status]
        elif status == OUTDATED:
            statuses, count = statuses.filter(outdated=True), self.counts[OUTDATED]
        paginator = Paginator(statuses.order_by("-is_page", "title", "object_id"), ROWS_PER_PAGE)
        paginator.count = count  # known from the GROUP BY: no COUNT query
        page = paginator.get_page(number)
        page.object_list = self._rows(page.object_list)
        return page

    @property
    def rows(self) -> list[ReportRow]:
        """Every row (tooling and tests; the admin page lists one page at a time)."""
        return self._rows(self.statuses.order_by("-is_page", "title", "object_id"))


def _marked(title: str, language: str | None):
    """A title as its own element, in its language: it is content, not interface text."""
    if not title:
        return ""
    return (
        format_html('<span lang="{}">{}</span>', language or "", title)
        if language
        else format_html("<span>{}</span>", title)
    )


def with_reader_titles(rows: list[ReportRow]) -> list[ReportRow]:
    """``rows`` with page titles in the reader's (active) language, else the first language
    of its fallback chain that has one, else the stored source title; with each page's
    parent section (titled the same way) and last publication. Two queries for the rows
    of a report page, whatever their number."""
    reader = get_language() or DEFAULT_LANGUAGE
    order = [reader, *[code for code in resolution_order(reader) if code != reader]]
    order += [code for code in LANGUAGE_CODES if code not in order]
    columns = [localized("title", code) for code in order]
    ids = [row.pk for row in rows if row.is_page]
    pages = {
        item["pk"]: item
        for item in Page.objects.rewrite(False)
        .filter(pk__in=ids)
        .values("pk", "path", "depth", "last_published_at", *columns)
    }
    steplen = Page.steplen
    parents = {
        item["path"]: item
        for item in Page.objects.rewrite(False)
        .filter(path__in={page["path"][:-steplen] for page in pages.values() if page["depth"] > 2})
        .values("path", *columns)
    }

    def titled(item) -> tuple[str, str | None]:
        for code, column in zip(order, columns, strict=True):
            if item.get(column):
                return item[column], code
        return "", None

    shown = []
    for row in rows:
        page = pages.get(row.pk) if row.is_page else None
        if page is None:
            shown.append(replace(row, display_title=row.title))
            continue
        title, code = titled(page)
        parent = parents.get(page["path"][:-steplen])
        shown.append(
            replace(
                row,
                display_title=title or row.title,
                title_language=code,
                section=_marked(*titled(parent)) if parent else "",
                published_at=page["last_published_at"],
            )
        )
    return shown


def compute_report(region, language: str) -> Report:
    return Report(region, language)


def region_report(region, language: str) -> Report:
    """The report of ``region`` in ``language`` from the stored statuses (translations.workflow.coverage_store).

    One query (the GROUP BY counts; the list costs one more per page shown) whatever the
    amount of content, and no Python work per object, so it is not cached: it is current as
    soon as content changes. The database's counting is the only part that grows (about
    20 ms for 5,000 pages on SQLite, benchmarks/coverage_report.py).
    """
    return Report(region, language)


def region_stamps(region, objects, language):
    """The stamps of ``objects`` in ``language`` (one query), for repeated coverage calls."""
    return _stamps(region, objects, language)
