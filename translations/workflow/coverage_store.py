"""Stored translation status per object and language (models.CoverageStatus).

Written by the post_save hook of translations.workflow.stamps right after the source stamps, so a
publish, an unpublish, a snippet save or a translation that changes a stamp re-computes the
object's rows in every target language (one query for its stamps, one upsert). Deleting an
object removes its rows. ``rebuild`` fills the table for existing content, in chunks, and
may be run again at any time (``manage.py translation_coverage rebuild``).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page

from ..core.availability import available_languages
from ..core.languages import LANGUAGE_CODES
from ..models import CoverageStatus, SourceStamp
from .coverage import _snippet_models, object_coverage, source_title
from .units import is_registered, proper_name_fields, translatable_models

#: Every language: an item's source language differs item by item (its row there is complete).
TARGET_LANGUAGES = LANGUAGE_CODES
UPDATED_COLUMNS = [
    "is_page",
    "title",
    "status",
    "outdated",
    "units_total",
    "units_translated",
    "fields",
    "present_languages",
    "updated_at",
]


def reported(model) -> bool:
    """Models listed in the report: specific page types and snippets (not settings, inlines)."""
    if issubclass(model, Page):
        return model is not Page and is_registered(model)
    return model in _snippet_models()


def _content_type(instance) -> ContentType:
    return ContentType.objects.get_for_model(instance)


def status_rows(instance, stamps) -> list[CoverageStatus]:
    """Unsaved rows of ``instance`` (a specific object), one per target language.

    ``stamps``: ``{object_id: {language: {(content_type_id, object_id, field): SourceStamp}}}``.
    """
    content_type = _content_type(instance)
    is_page = isinstance(instance, Page)
    title = source_title(instance)[:255]
    rows = []
    for language in TARGET_LANGUAGES:
        coverage = object_coverage(instance, language, stamps.get(instance.pk, {}).get(language, {}))
        first = coverage.fields[0].name if coverage.fields else None
        rows.append(
            CoverageStatus(
                content_type=content_type,
                object_id=instance.pk,
                language=language,
                is_page=is_page,
                title=title,
                status=coverage.status,
                outdated=coverage.outdated,
                units_total=sum(f.total for f in coverage.fields),
                units_translated=sum(f.translated for f in coverage.fields),
                fields=[[f.name, f.translated, f.total, f.outdated] for f in coverage.fields],
                present_languages=available_languages(instance, first) if first else [],
            )
        )
    return rows


def _stamps_of(content_type: ContentType, object_ids) -> dict:
    grouped: dict = {}
    for stamp in SourceStamp.objects.filter(content_type=content_type, object_id__in=list(object_ids)):
        key = (stamp.content_type_id, stamp.object_id, stamp.field)
        grouped.setdefault(stamp.object_id, {}).setdefault(stamp.language, {})[key] = stamp
    return grouped


def _save(rows: list[CoverageStatus]) -> None:
    if rows:
        CoverageStatus.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["content_type", "object_id", "language"],
            update_fields=UPDATED_COLUMNS,
        )


def _specific(instance):
    # Wagtail saves some pages through the base class (moves, tree fixes): the report
    # reads the specific type's fields.
    if isinstance(instance, Page) and type(instance) is Page:
        return instance.specific
    return instance


def refresh(instance) -> None:
    """Re-compute and store ``instance``'s rows (two queries)."""
    instance = _specific(instance)
    if instance.pk is None or not reported(type(instance)):
        return
    _save(status_rows(instance, _stamps_of(_content_type(instance), [instance.pk])))


def forget(instance) -> None:
    """Remove the rows of a deleted object."""
    if isinstance(instance, Page):
        CoverageStatus.objects.filter(is_page=True, object_id=instance.pk).delete()
    else:
        CoverageStatus.objects.filter(content_type=_content_type(instance), object_id=instance.pk).delete()


def rebuild(chunk_size: int = 200) -> int:
    """Store the rows of every registered object; drop rows of objects that are gone.

    Safe to run again: rows are upserted. Returns the number of objects processed.
    """
    done = 0
    kept_types = []
    for model in translatable_models():
        if not reported(model):
            continue
        content_type = ContentType.objects.get_for_model(model)
        kept_types.append(content_type.pk)
        queryset = model.objects.order_by("pk")
        if issubclass(model, Page):
            # Only pages whose specific type is this model (a subclass has its own pass).
            queryset = queryset.filter(content_type=content_type)
        last = 0
        while True:
            chunk = list(queryset.filter(pk__gt=last)[:chunk_size])
            if not chunk:
                break
            stamps = _stamps_of(content_type, [obj.pk for obj in chunk])
            _save([row for obj in chunk for row in status_rows(obj, stamps)])
            done += len(chunk)
            last = chunk[-1].pk
        existing = model.objects.values("pk")
        CoverageStatus.objects.filter(content_type=content_type).exclude(object_id__in=existing).delete()
    CoverageStatus.objects.exclude(Q(content_type_id__in=kept_types)).delete()
    return done


def recount_proper_names() -> int:
    """Re-compute stored rows that still count a proper-name field (stored before such fields
    stopped counting, translations.workflow.units.proper_name_fields). Idempotent; returns the number
    of objects re-computed."""
    done = 0
    for model in translatable_models():
        names = set(proper_name_fields(model))
        if not names or not reported(model):
            continue
        content_type = ContentType.objects.get_for_model(model)
        stale = {
            object_id
            for object_id, fields in CoverageStatus.objects.filter(content_type=content_type).values_list(
                "object_id", "fields"
            )
            if any(entry and entry[0] in names for entry in fields or [])
        }
        for instance in model.objects.filter(pk__in=stale).iterator():
            refresh(instance)
            done += 1
    return done
