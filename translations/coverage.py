"""Translation coverage of a region, per language, for the coordinators' report.

Which published pages and snippets have every translatable text in a language, which are
partly translated, and which fall back to another language; which translations are out of
date because their source text changed after they were made (models.SourceStamp).

Query count is constant in the number of pages: one query for the content types present,
one per page model present, one per region-linked snippet model, one for the stamps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from sitecontent.models import RegionPage
from sitecontent.regions import COORDINATORS, group_name

from .fallback import region_fallbacks
from .languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from .models import SourceStamp
from .status import displayed_language
from .units import field_fingerprint, field_texts, text_fields, translatable_models

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


def scope_objects(region) -> list:
    """Published pages of the region's subtree (the region included) and its snippets.

    ``region`` may be SHARED: snippets linked to no region.
    """
    found = []
    page_models = [m for m in translatable_models() if issubclass(m, Page) and m is not Page]
    if region != SHARED:
        pages = Page.objects.filter(path__startswith=region.path, live=True)
        present = set(pages.order_by().values_list("content_type_id", flat=True).distinct())
        for model in page_models:
            if ContentType.objects.get_for_model(model).pk in present:
                found.extend(model.objects.filter(path__startswith=region.path, live=True).order_by("path"))
    for model in _snippet_models():
        link = region_link(model)
        if region == SHARED and link is None:
            found.extend(_published(model.objects.order_by("pk")))
        elif region != SHARED and link is not None:
            found.extend(_published(model.objects.filter(**{link: region}).order_by("pk")))
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
    label: str
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
    edit_url: str = ""

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
        return str(getattr(self.instance, "title", None) or self.instance)


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
        coverage = FieldCoverage(field_name, str(model_field.verbose_name), len(source), translated)
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


@dataclass
class Report:
    region: object
    language: str
    rows: list[ObjectCoverage]
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return len(self.rows)


def region_report(region, language: str) -> Report:
    objects = scope_objects(region)
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
            coverage.edit_url = edit_url(instance)
            rows.append(coverage)
    return Report(region, language, rows, counts)


def region_stamps(region, objects, language):
    """The stamps of ``objects`` in ``language`` (one query), for repeated coverage calls."""
    return _stamps(region, objects, language)
