"""Read a translated file back, check every unit, and save accepted ones as draft revisions.

Three steps, each safe to stop after:
1. ``read_file``: well-formed XLIFF 1.2, XLIFF 2.0 or PO, from this platform, in a target
   language (translations.workflow.formats reads each format).
2. ``check_units``: known objects, fields and blocks the user may edit; source unchanged
   since export; rich text rebuilt from the source's own tags (translations.workflow.inline), and a
   file whose tags do not pair with the source's is refused whole, naming the unit; text
   passes translations.workflow.validation. Produces accepted units (with the
   current and new text, for the preview) and problems (listed, never silently dropped).
3. ``apply_batch``: re-checks the sources and saves one new draft revision per object. Never
   publishes: the region's review and publishing apply as for any edit.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Page, RevisionMixin

from ..core.languages import DEFAULT_LANGUAGE
from . import inline
from .coverage import coordinated_regions, edit_url, region_link
from .formats import FileRefused, FileUnit, ReadFile, read_po, read_xliff
from .memory import remember
from .units import RICH, apply_translations, field_source_languages, field_texts, object_key, resolve_object_key, units
from .validation import TranslationRefused, clean_translation, normalise


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise FileRefused(_("The file is not UTF-8 text. Save it as UTF-8 and upload it again.")) from error


def read_file(data: bytes, expected_language: str | None = None) -> ReadFile:
    """Parse an uploaded file; FileRefused with a translated reason if it is unusable."""
    limit = settings.TRANSLATIONS_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise FileRefused(
            _("The file is too large (%(size)s KB; at most %(limit)s KB).")
            % {"size": len(data) // 1024, "limit": limit // 1024}
        )
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    stripped = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    result = read_xliff(data) if stripped.startswith(b"<") else read_po(_decode(data))
    if result.language is None and not result.language_declared and expected_language:
        # translate-toolkit's xliff2po writes no Language header (and po2xliff then no
        # target-language): the language the coordinator chose for the upload is the file's.
        result.language = expected_language
    if result.language is None:
        raise FileRefused(_("The file does not say which language it is translated into, or names one we do not use."))
    if result.language == (result.source_language or DEFAULT_LANGUAGE):
        raise FileRefused(_("The file is translated into its own source language: there is nothing to import."))
    if expected_language and result.language != expected_language:
        raise FileRefused(
            _("The file is a translation into %(found)s, not %(expected)s.")
            % {"found": result.language, "expected": expected_language}
        )
    if not result.units:
        raise FileRefused(_("The file contains no translated text."))
    if len(result.units) > settings.TRANSLATIONS_IMPORT_MAX_UNITS:
        raise FileRefused(
            _("The file has more than %(limit)s texts: split it into smaller files.")
            % {"limit": settings.TRANSLATIONS_IMPORT_MAX_UNITS}
        )
    return result


# -- checking units ----------------------------------------------------------------------------


def editable_version(instance):
    """What the editor shows: the latest revision for pages and draftable snippets."""
    if isinstance(instance, RevisionMixin) and getattr(instance, "latest_revision_id", None):
        return instance.get_latest_revision_as_object()
    return instance


def has_drafts(instance) -> bool:
    """Only content with draft revisions can take an import without going live at once."""
    return isinstance(instance, Page) or (isinstance(instance, RevisionMixin) and isinstance(instance, DraftStateMixin))


def user_may_edit(user, instance) -> bool:
    if user is None or isinstance(user, AnonymousUser) or not user.is_active:
        return False
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    opts = instance._meta
    if not user.has_perm(f"{opts.app_label}.change_{opts.model_name}"):
        return False
    link = region_link(type(instance))
    if link is None:
        return user.is_superuser
    return coordinated_regions(user).filter(pk=getattr(instance, f"{link}_id")).exists()


def split_unit_id(unit_id: str) -> tuple[str, str]:
    """``"app.model:12:body/…"`` → (``"app.model:12"``, ``"body/…"``)."""
    label, _sep, rest = unit_id.partition(":")
    pk, _sep, unit_key = rest.partition(":")
    return f"{label}:{pk}", unit_key


def _load_objects(unit_ids: list[str]) -> dict[str, object]:
    wanted: dict[type, set[int]] = {}
    for unit_id in unit_ids:
        key, _unit_key = split_unit_id(unit_id)
        try:
            model, pk = resolve_object_key(key)
        except LookupError:
            continue
        wanted.setdefault(model, set()).add(pk)
    found = {}
    for model, pks in wanted.items():
        for instance in model.objects.filter(pk__in=pks):
            found[object_key(instance)] = instance
    return found


def _problem(unit_id: str, reason: str, title: str = "", label: str = "") -> dict:
    return {"unit": unit_id, "reason": reason, "title": title, "label": label}


def _normalised(tokens: list) -> tuple:
    return inline.signature([normalise(token) if isinstance(token, str) else token for token in tokens])


def _file_texts(file_unit: FileUnit, unit, title: str) -> tuple[bool, str]:
    """(the file's source is the unit's current source, the translation as stored text).

    Rich text is rebuilt from the current source's tags; FileRefused, naming the unit, when
    the translation's tags do not pair with them (a file is refused whole, nothing saved).
    """
    segment = inline.split(unit.source) if unit.kind == RICH else None
    expected = _normalised(segment.tokens if segment is not None else [unit.source])
    # Placeholders written as text spell braces one of two ways (FileUnit): the spelling the
    # file suggests first; the one that reads the source back as the unit's source is the
    # file's, and the translation is read with it.
    for escaped in (file_unit.escaped_braces, not file_unit.escaped_braces):
        try:
            source = file_unit.tokens("source", segment, escaped)
        except inline.MarkupMismatch:
            continue
        if _normalised(source) == expected:
            break
    else:
        return False, ""
    try:
        target = file_unit.tokens("target", segment, escaped)
        if segment is None:
            if any(not isinstance(token, str) for token in target):
                raise inline.MarkupMismatch(_("This text is plain text: it cannot contain tags."))
            return True, "".join(target)
        return True, inline.rebuild(target, segment)
    except inline.MarkupMismatch as error:
        raise FileRefused(
            _(
                "The tags of text %(unit)s (%(title)s, %(label)s) do not pair with the source: %(reason)s Nothing was saved."
            )
            % {"unit": file_unit.unit_id, "title": title, "label": unit.label, "reason": str(error)}
        ) from error


def check_units(read: ReadFile, user) -> tuple[list[dict], list[dict]]:
    """(accepted, problems) for the units of ``read``, for ``user``."""
    accepted, problems = [], []
    objects = _load_objects([u.unit_id for u in read.units])
    versions: dict[str, tuple[object, dict]] = {}
    seen: set[str] = set()
    for file_unit in read.units:
        key, unit_key = split_unit_id(file_unit.unit_id)
        instance = objects.get(key)
        if instance is None or not unit_key:
            problems.append(_problem(file_unit.unit_id, _("This text does not belong to any page or snippet we know.")))
            continue
        if file_unit.unit_id in seen:
            problems.append(_problem(file_unit.unit_id, _("This text appears twice in the file; the first was used.")))
            continue
        seen.add(file_unit.unit_id)
        if key not in versions:
            if not user_may_edit(user, instance):
                versions[key] = (None, {}, {})
            elif not has_drafts(instance):
                versions[key] = (False, {}, {})
            else:
                current = editable_version(instance)
                sources = field_source_languages(current)
                versions[key] = (current, {u.key: u for u in units(current, sources)}, sources)
        current, current_units, sources = versions[key]
        title = str(getattr(current, "title", None) or current or "")
        if current is None:
            problems.append(_problem(file_unit.unit_id, _("You may not edit this page or snippet."), title))
            continue
        if current is False:
            problems.append(
                _problem(
                    file_unit.unit_id,
                    _("This kind of content has no drafts, so it cannot be imported without review. Edit it directly."),
                )
            )
            continue
        unit = current_units.get(unit_key)
        if unit is not None and sources.get(unit.field) == read.language:
            problems.append(
                _problem(
                    file_unit.unit_id,
                    _("This is written in the file's target language already: it is its source language."),
                    title,
                    unit.label,
                )
            )
            continue
        if unit is None:
            problems.append(
                _problem(file_unit.unit_id, _("This field or block no longer exists, or is not translatable."), title)
            )
            continue
        source_unchanged, target = _file_texts(file_unit, unit, title)
        if not source_unchanged:
            problems.append(
                _problem(
                    file_unit.unit_id,
                    _("The source text changed since the export; export this text again to translate it."),
                    title,
                    unit.label,
                )
            )
            continue
        try:
            new = clean_translation(unit, target)
        except TranslationRefused as error:
            problems.append(_problem(file_unit.unit_id, str(error), title, unit.label))
            continue
        old = field_texts(current, unit.field, read.language).get(unit.key, "")
        accepted.append(
            {
                "unit": file_unit.unit_id,
                "object": key,
                "key": unit.key,
                "title": title,
                "label": unit.label,
                "kind": unit.kind,
                "source": unit.source,
                "old": old,
                "new": new,
            }
        )
    return accepted, problems


# -- saving drafts --------------------------------------------------------------------------


def apply_batch(batch, user) -> list[dict]:
    """Save the batch's accepted units as one new draft revision per object.

    Sources are checked again (the page may have changed since the preview); units whose
    source changed are reported, not saved. Returns one result row per object.
    """
    by_object: dict[str, list[dict]] = {}
    for row in batch.units:
        by_object.setdefault(row["object"], []).append(row)
    objects = _load_objects([row["unit"] for row in batch.units])
    results = []
    for key, rows in by_object.items():
        instance = objects.get(key)
        if instance is None or not user_may_edit(user, instance) or not has_drafts(instance):
            results.append({"object": key, "title": rows[0]["title"], "saved": 0, "error": _("No longer available.")})
            continue
        with transaction.atomic():
            current = editable_version(instance)
            source_language = field_source_languages(current)
            current_units = {
                u.key: u for u in units(current, source_language) if source_language[u.field] != batch.language
            }
            values, stale = {}, 0
            for row in rows:
                unit = current_units.get(row["key"])
                if unit is None or normalise(unit.source) != normalise(row["source"]):
                    stale += 1
                    continue
                values[row["key"]] = row["new"]
            row_result = {"object": key, "title": rows[0]["title"], "saved": 0, "stale": stale, "error": ""}
            if values:
                apply_translations(current, batch.language, values, source_language=source_language)
                try:
                    revision = current.save_revision(user=user, log_action=True)
                except ValidationError as error:
                    row_result["error"] = "; ".join(error.messages)
                else:
                    row_result.update(saved=len(values), revision=revision.pk, edit_url=edit_url(instance))
            results.append(row_result)
        if row_result["saved"]:
            remember(batch.language, [(row["source"], row["new"]) for row in rows if row["key"] in values])
    return results
