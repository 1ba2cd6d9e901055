"""Translation coverage of a region, per language, for the coordinators' report.

Which published pages and snippets have every translatable text in a language, which are
partly translated, and which fall back to another language; which translations are out of
date because their source text changed after they were made (models.SourceStamp).

Query count is constant in the number of pages: one query for the content types present,
one per page model present, one per region-linked snippet model, one for the stamps.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import resolution_order
from wagtail.fields import StreamField
from wagtail.models import Page

from sitecontent.models import RegionPage
from sitecontent.regions import COORDINATORS, group_name

from .fallback import region_fallbacks
from .languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from .models import SourceStamp
from .status import displayed_language
from .units import field_fingerprint, field_texts, localized, text_fields, translatable_models

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
    """Target languages offered by the region (all but the source when it lists none)."""
    offered = [code for code in (region.languages or []) if code in LANGUAGE_CODES and code != DEFAULT_LANGUAGE]
    return offered or [code for code in LANGUAGE_CODES if code != DEFAULT_LANGUAGE]


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
        return str(getattr(self.instance, localized("title", DEFAULT_LANGUAGE), None) or self.instance)


def object_coverage(instance, language: str, stamps=None) -> ObjectCoverage:
    """Coverage of ``instance`` in ``language``, against the default language.

    A StreamField text counts as translated when the language has its own, different text
    at the same block path: wagtail-modeltranslation's "copy content" button copies the
    whole source stream, and a copied block is a fallback in disguise.
    """
    stamps = stamps or {}
    content_type_id = ContentType.objects.get_for_model(instance).pk
    result = ObjectCoverage(instance)
    for field_name in text_fields(type(instance)):
        source = field_texts(instance, field_name, DEFAULT_LANGUAGE)
        if not source:
            continue
        target = field_texts(instance, field_name, language)
        is_whole = list(source) == [field_name]
        translated = sum(1 for key, text in source.items() if target.get(key) and (is_whole or target[key] != text))
        model_field = instance._meta.get_field(field_name)
        coverage = FieldCoverage(field_name, model_field.verbose_name, len(source), translated)
        stamp = stamps.get((content_type_id, instance.pk, field_name))
        if stamp is not None and translated:
            coverage.outdated = stamp.source_hash != field_fingerprint(instance, field_name, DEFAULT_LANGUAGE)
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
    """One object of the report, small enough to cache (no model instance inside)."""

    pk: int
    model_label: str
    title: str
    status: str
    outdated: bool
    is_page: bool
    fields: tuple[FieldSummary, ...]
    shown_language: str | None

    @classmethod
    def from_coverage(cls, coverage: ObjectCoverage) -> ReportRow:
        instance = coverage.instance
        label = instance._meta.label_lower
        return cls(
            pk=instance.pk,
            model_label=label,
            title=coverage.title,
            status=coverage.status,
            outdated=coverage.outdated,
            is_page=isinstance(instance, Page),
            fields=tuple(FieldSummary(f.name, label, f.translated, f.total, f.outdated) for f in coverage.fields),
            shown_language=coverage.shown_language,
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


@dataclass
class Report:
    region_code: str
    language: str
    rows: list[ReportRow]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return len(self.rows)


def report_languages(region, language: str) -> set[str]:
    """Languages the report reads: source, target and the target's fallback chain."""
    rules = region.parsed_fallback_rules() if region != SHARED else None
    with region_fallbacks(rules):
        return {DEFAULT_LANGUAGE, language, *resolution_order(language)}


def compute_report(region, language: str) -> Report:
    objects = scope_objects(region, report_languages(region, language))
    stamps = _stamps(region, objects, language)
    rules = region.parsed_fallback_rules() if region != SHARED else None
    rows = []
    counts = {COMPLETE: 0, PARTIAL: 0, FALLBACK: 0, OUTDATED: 0}
    with region_fallbacks(rules):
        for instance in objects:
            coverage = object_coverage(instance, language, stamps)
            counts[coverage.status] += 1
            counts[OUTDATED] += int(coverage.outdated)
            if coverage.status != COMPLETE and coverage.fields:
                coverage.shown_language = displayed_language(instance, coverage.fields[0].name, language)
            rows.append(ReportRow.from_coverage(coverage))
    code = SHARED if region == SHARED else region.short_code
    return Report(code, language, rows, counts)


def scope_version(region) -> str:
    """Changes whenever anything the report reads may have changed (two aggregate queries).

    Publishing, unpublishing, moving or deleting a page changes the page aggregate; saving a
    translation changes the stamps; snippets are counted by their latest id and revision.
    """
    parts = []
    if region != SHARED:
        pages = Page.objects.filter(path__startswith=region.path)
        parts.append(
            pages.aggregate(
                n=Count("pk"),
                live=Count("pk", filter=Q(live=True)),
                published=Max("last_published_at"),
                revised=Max("latest_revision_created_at"),
                paths=Max("path"),
            )
        )
    parts.append(SourceStamp.objects.aggregate(n=Count("pk"), last=Max("updated_at")))
    for model in _snippet_models():
        names = {f.attname for f in model._meta.concrete_fields}
        marks = {name: Max(name) for name in ("latest_revision_id", "last_published_at", "updated_at") if name in names}
        parts.append(model.objects.aggregate(n=Count("pk"), last=Max("pk"), **marks))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:20]


def region_report(region, language: str) -> Report:
    """The report, from the cache while nothing in the region changed.

    Computing it reads every published object of the region (a fixed number of queries but
    work proportional to the pages); the cache makes repeated visits cost two queries.
    """
    timeout = settings.TRANSLATIONS_COVERAGE_CACHE_SECONDS
    if not timeout:
        return compute_report(region, language)
    code = SHARED if region == SHARED else region.short_code
    key = f"sid-translation-coverage:{code}:{language}:{scope_version(region)}"
    report = cache.get(key)
    if report is None:
        report = compute_report(region, language)
        cache.set(key, report, timeout)
    return report


def region_stamps(region, objects, language):
    """The stamps of ``objects`` in ``language`` (one query), for repeated coverage calls."""
    return _stamps(region, objects, language)
