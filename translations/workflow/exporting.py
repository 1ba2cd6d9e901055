"""Choose what goes into an export and write the file (run by translations.tasks)."""

from __future__ import annotations

from dataclasses import replace

from django.utils import timezone
from wagtail.models import Page

from ..models import ExportJob
from .coverage import object_coverage, region_stamps, scope_objects
from .formats import WRITERS, ExportEntry, file_name
from .importing import editable_version
from .memory import remember, suggest
from .units import field_source_languages, field_texts, object_key, units


def _wanted_keys(instance, language: str, stamps, memory: list) -> set[str]:
    """Unit keys of ``instance`` that are missing or out of date in ``language``.

    Texts that are translated and up to date go into ``memory`` as (source, translation).
    """
    coverage = object_coverage(instance, language, stamps)
    sources = field_source_languages(instance)
    wanted: set[str] = set()
    for field_coverage in coverage.fields:
        source = field_texts(instance, field_coverage.name, sources[field_coverage.name])
        if field_coverage.outdated:
            wanted.update(source)
            continue
        target = field_texts(instance, field_coverage.name, language)
        whole = list(source) == [field_coverage.name]
        for key, text in source.items():
            if not target.get(key) or (not whole and target[key] == text):
                wanted.add(key)
            else:
                memory.append((text, target[key]))
    return wanted


def entries_for(instance, language: str, only: set[str] | None = None, outdated: set[str] | None = None):
    """Export entries of ``instance`` as the editor shows it (latest revision), each text from
    its field's source language (none for fields written in ``language`` first)."""
    current = editable_version(instance)
    sources = field_source_languages(current)
    title = str(getattr(current, "title", None) or current)
    entries = []
    for unit in units(current, sources):
        if sources[unit.field] == language or (only is not None and unit.key not in only):
            continue
        is_outdated = bool(outdated and unit.field in outdated)
        target = field_texts(current, unit.field, language).get(unit.key, "") if is_outdated else ""
        entries.append(
            ExportEntry(
                object_key(current),
                title,
                unit,
                target=target,
                outdated=is_outdated,
                source_language=sources[unit.field],
            )
        )
    return entries


def _translated_pairs(instance, language: str) -> list[tuple[str, str]]:
    """(source, translation) of every text of ``instance`` translated into ``language``."""
    current = editable_version(instance)
    sources = field_source_languages(current)
    pairs = []
    for field_name in {unit.field for unit in units(current, sources)}:
        if sources[field_name] == language:
            continue
        target = field_texts(current, field_name, language)
        for key, text in field_texts(current, field_name, sources[field_name]).items():
            if target.get(key) and target[key] != text:
                pairs.append((text, target[key]))
    return pairs


def with_memory(entries: list[ExportEntry], language: str, memory: list[tuple[str, str]]) -> list[ExportEntry]:
    """Record ``memory``, then pre-fill entries without a target from the translation memory."""
    remember(language, memory)
    found = suggest(language, {entry.unit.source for entry in entries if not entry.target})
    return [
        replace(entry, target=found[entry.unit.source], prefilled=True)
        if not entry.target and entry.unit.source in found
        else entry
        for entry in entries
    ]


def job_entries(job: ExportJob) -> tuple[list[ExportEntry], int]:
    """(entries, number of objects) for ``job``."""
    entries: list[ExportEntry] = []
    memory: list[tuple[str, str]] = []
    objects = 0
    if job.scope == ExportJob.Scope.MISSING:
        candidates = scope_objects(job.region)
        stamps = region_stamps(job.region, candidates, job.language)
        for instance in candidates:
            wanted = _wanted_keys(instance, job.language, stamps, memory)
            if not wanted:
                continue
            coverage = object_coverage(instance, job.language, stamps)
            outdated = {f.name for f in coverage.outdated_fields}
            found = entries_for(instance, job.language, wanted, outdated)
            objects += bool(found)
            entries.extend(found)
    else:
        pages = Page.objects.filter(pk__in=job.page_ids, path__startswith=job.region.path).specific().order_by("path")
        for page in pages:
            found = entries_for(page, job.language)
            memory.extend(_translated_pairs(page, job.language))
            objects += bool(found)
            entries.extend(found)
    return with_memory(entries, job.language, memory), objects


def run_export(job: ExportJob) -> ExportJob:
    job.status = ExportJob.Status.RUNNING
    job.save(update_fields=["status"])
    entries, objects = job_entries(job)
    writer = WRITERS[job.file_format]
    name = file_name(job.region.short_code, job.language)
    # The file declares the language its sources are in: the one all its items share, else
    # the region's (an item of another source, such as a story written in its own language,
    # still carries its own text as its units' source).
    sources = {entry.source_language for entry in entries}
    source = sources.pop() if len(sources) == 1 else job.region.source_language
    job.content = writer(entries, job.language, name, source_language=source).decode("utf-8")
    job.unit_count, job.object_count = len(entries), objects
    job.status = ExportJob.Status.READY
    job.finished_at = timezone.now()
    job.save(update_fields=["content", "unit_count", "object_count", "status", "finished_at"])
    return job
