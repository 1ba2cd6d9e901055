"""Record which source text each translation was made from (see models.SourceStamp).

The source text is the item's own source language's (translations.core.source).

Connected to ``post_save`` for every model registered with modeltranslation. For pages the
row holds the live content (drafts live in revisions), so stamps follow what is published.
One query reads the object's stamps, and only changed stamps are written; the object's
stored coverage statuses (translations.workflow.coverage_store) are then refreshed, and removed on delete.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page

from ..core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from ..models import SourceStamp
from . import coverage_store
from .coverage_store import reported
from .units import field_fingerprint, field_source_languages, is_registered, localized, text_fields, translatable_models


def _touches_text(instance, update_fields) -> bool:
    if update_fields is None:
        return True
    columns = set()
    for name in text_fields(type(instance)):
        columns.add(name)
        columns.update(localized(name, code) for code in LANGUAGE_CODES)
    return bool(columns & set(update_fields))


def record_stamps(instance) -> int:
    """Stamp every translation of ``instance`` whose own text changed; returns how many."""
    # A page saved through the base Page class is stamped under its specific type, which is
    # what the coverage report looks up.
    content_type_id = getattr(instance, "content_type_id", None) if isinstance(instance, Page) else None
    if content_type_id:
        content_type = ContentType.objects.get_for_id(content_type_id)
    else:
        content_type = ContentType.objects.get_for_model(instance)
    existing = {
        (stamp.field, stamp.language): stamp
        for stamp in SourceStamp.objects.filter(content_type=content_type, object_id=instance.pk)
    }
    to_create, to_update = [], []
    sources = field_source_languages(instance)
    for field_name in text_fields(type(instance)):
        source_language = sources[field_name]
        source = field_fingerprint(instance, field_name, source_language)
        if source is None:
            continue
        for language in LANGUAGE_CODES:
            if language == source_language:
                continue
            translation = field_fingerprint(instance, field_name, language)
            if translation is None:
                continue
            stamp = existing.get((field_name, language))
            if stamp is None:
                to_create.append(
                    SourceStamp(
                        content_type=content_type,
                        object_id=instance.pk,
                        field=field_name,
                        language=language,
                        source_hash=source,
                        translation_hash=translation,
                    )
                )
            elif stamp.translation_hash != translation:
                stamp.translation_hash, stamp.source_hash = translation, source
                stamp.updated_at = timezone.now()  # bulk_update skips auto_now
                to_update.append(stamp)
    if to_create:
        SourceStamp.objects.bulk_create(to_create, ignore_conflicts=True)
    if to_update:
        SourceStamp.objects.bulk_update(to_update, ["translation_hash", "source_hash", "updated_at"])
    return len(to_create) + len(to_update)


def on_post_save(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or not is_registered(sender) or sender._meta.abstract:
        return
    if _touches_text(instance, update_fields):
        record_stamps(instance)
        # After the stamps: "out of date" compares the source with them.
        coverage_store.refresh(instance)


def on_post_delete(sender, instance, **kwargs):
    if is_registered(sender) and not sender._meta.abstract:
        coverage_store.forget(instance)


def rebase_stamps() -> int:
    """Re-base stamps recorded when English was every item's source (before source languages).

    For items whose text is written first in another language, stamps compared English with
    the translation: the translations are taken as made from the current source text (its
    fingerprint is stored), and stamps of the source language itself are dropped. Run once
    by ``migrate`` when it finds statuses of the old rule; returns the number of stamps changed.
    """
    changed = 0
    for model in translatable_models():
        if not reported(model):
            continue
        content_type = ContentType.objects.get_for_model(model)
        stamped = set(SourceStamp.objects.filter(content_type=content_type).values_list("object_id", flat=True))
        if not stamped:
            continue
        for instance in model.objects.filter(pk__in=stamped).iterator():
            stamps = SourceStamp.objects.filter(content_type=content_type, object_id=instance.pk)
            for field_name, source in field_source_languages(instance).items():
                if source == DEFAULT_LANGUAGE:
                    continue
                field_stamps = stamps.filter(field=field_name)
                changed += field_stamps.filter(language=source).delete()[0]
                fingerprint = field_fingerprint(instance, field_name, source)
                if fingerprint is not None:
                    changed += field_stamps.exclude(source_hash=fingerprint).update(source_hash=fingerprint)
    return changed
