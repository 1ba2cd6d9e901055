"""Translation units: every translatable text of an object, field by field and block by block.

Generic over every model registered with modeltranslation (pages and snippets): the
translatable fields come from ``translator.get_options_for_model``, and StreamFields are
walked block by block (CharBlock, TextBlock and RichTextBlock values inside StructBlocks,
ListBlocks and StreamBlocks), each text getting a stable block path built from block ids
and child names. New models and blocks are covered without changes here.

This is translation tooling: it reads and writes language columns by name.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

from sitecontent.params import as_id

from ..core.languages import DEFAULT_LANGUAGE
from ..core.source import _empty, localized_value, source_language_of

# Page fields modeltranslation registers that are addresses, not text for translators.
NOT_FOR_TRANSLATORS = frozenset({"slug", "url_path"})
# Page fields first, in the order an editor sees them.
LEADING_FIELDS = ("title", "seo_title", "search_description")

PLAIN = "plain"
RICH = "rich"


@dataclass(frozen=True)
class Unit:
    """One translatable text: a plain field, or one text block inside a StreamField."""

    key: str  # "<field>" or "<field>/<block path>"
    field: str
    path: str  # "" for a whole field
    kind: str  # PLAIN or RICH
    source: str
    label: str  # human-readable context: field and block names
    max_length: int | None = None
    features: tuple[str, ...] | None = None  # rich-text features allowed here


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# -- models and fields ---------------------------------------------------------------------


def translatable_models() -> list[type[models.Model]]:
    """Concrete registered models (pages and snippets), most specific first."""
    found = [m for m in translator.get_registered_models() if not m._meta.abstract and not m._meta.proxy]
    return sorted(found, key=lambda m: m._meta.label)


def is_registered(model) -> bool:
    try:
        translator.get_options_for_model(model)
    except NotRegistered:
        return False
    return True


@functools.cache
def text_fields(model) -> tuple[str, ...]:
    """Translatable text fields of ``model``: plain, rich text and StreamFields (cached)."""
    names = set(translator.get_options_for_model(model).get_field_names()) - NOT_FOR_TRANSLATORS
    ordered = [name for name in LEADING_FIELDS if name in names]
    for field in model._meta.concrete_fields:
        if field.name in names and field.name not in ordered:
            ordered.append(field.name)
    return tuple(name for name in ordered if _field_kind(model._meta.get_field(name)) is not None)


def field_source_languages(instance) -> dict[str, str]:
    """{translated text field: the language its text is written in first}.

    Each field's own: the item's source language where the field has text in it, else
    English where only English has (what readers fall back to, as ``repair_base_columns``
    orders it): a Spanish page whose body was only ever written in English has its body
    translated from the English.
    """
    source = source_language_of(instance)
    found = {}
    for name in text_fields(type(instance)):
        if (
            source != DEFAULT_LANGUAGE
            and _empty(localized_value(instance, name, source))
            and not _empty(localized_value(instance, name, DEFAULT_LANGUAGE))
        ):
            found[name] = DEFAULT_LANGUAGE
        else:
            found[name] = source
    return found


def proper_name_fields(model) -> tuple[str, ...]:
    """Fields a registration marks as proper names (``proper_names``: an organisation's name):
    they may be translated, but a language without its own is not missing anything."""
    try:
        return tuple(getattr(translator.get_options_for_model(model), "proper_names", ()))
    except NotRegistered:
        return ()


def counted_fields(model) -> tuple[str, ...]:
    """The text fields that count towards an item's translation coverage."""
    names = proper_name_fields(model)
    return tuple(name for name in text_fields(model) if name not in names)


def _field_kind(field) -> str | None:
    if isinstance(field, StreamField):
        return "stream"
    if isinstance(field, RichTextField):
        return RICH
    if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
        return PLAIN
    return None


def localized(field: str, language: str) -> str:
    return build_localized_fieldname(field, language)


def object_key(instance) -> str:
    return f"{instance._meta.label_lower}:{instance.pk}"


def resolve_object_key(key: str):
    """(model, pk) for ``"app_label.model:pk"``; raises LookupError if it is not ours."""
    label, _sep, pk = key.partition(":")
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as error:
        raise LookupError(label) from error
    number = as_id(pk)
    if not is_registered(model) or number is None:
        raise LookupError(key)
    return model, number


# -- walking StreamFields --------------------------------------------------------------------


@dataclass
class _Leaf:
    path: str
    block: blocks.Block
    container: dict | list
    slot: str | int
    trail: tuple  # blocks and list positions leading here; labels are built only when asked

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(str(step) if isinstance(step, int) else _label(step) for step in self.trail)

    @property
    def text(self) -> str:
        value = self.container[self.slot]
        return value if isinstance(value, str) else ""


def _label(block) -> str:
    return str(block.label or block.name or "")


def _walk(block, raw, path: str, labels: tuple, container, slot) -> Iterator[_Leaf]:
    if isinstance(block, blocks.RichTextBlock) or isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        yield _Leaf(path, block, container, slot, labels)
    elif isinstance(block, blocks.StreamBlock):
        for index, child in enumerate(raw or []):
            if not isinstance(child, dict) or child.get("type") not in block.child_blocks:
                continue
            child_block = block.child_blocks[child["type"]]
            segment = child.get("id") or str(index)
            yield from _walk(
                child_block,
                child.get("value"),
                f"{path}/{segment}",
                (*labels, child_block),
                child,
                "value",
            )
    elif isinstance(block, blocks.StructBlock):
        if not isinstance(raw, dict):
            return
        for name, child_block in block.child_blocks.items():
            if name in raw:
                yield from _walk(child_block, raw[name], f"{path}/{name}", (*labels, child_block), raw, name)
    elif isinstance(block, blocks.ListBlock):
        for index, item in enumerate(raw or []):
            # Current format: {"type": "item", "value": …, "id": …}; older: bare values.
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                segment, item_container, item_slot = item.get("id") or str(index), item, "value"
            else:
                segment, item_container, item_slot = str(index), raw, index
            yield from _walk(
                block.child_block,
                item_container[item_slot],
                f"{path}/{segment}",
                (*labels, index + 1),
                item_container,
                item_slot,
            )


def stream_raw(value) -> list:
    """Plain JSON-like data of a StreamValue (with block ids), deep-copied."""
    if value is None:
        return []
    if hasattr(value, "get_prep_value"):
        return copy.deepcopy(value.get_prep_value())
    if isinstance(value, str):
        return json.loads(value or "[]")
    return copy.deepcopy(list(value))


def stream_raw_readonly(value) -> list:
    """Raw data of a StreamValue without copying or converting it (for reading only).

    Blocks loaded from the database carry their ids; anything else takes the slower path
    through get_prep_value so that block paths are the same as when writing.
    """
    if value is None:
        return []
    raw = getattr(value, "raw_data", None)
    if raw is not None:
        items = list(raw)
        if all(isinstance(item, dict) and item.get("id") for item in items):
            return items
    return stream_raw(value)


def stream_leaves(stream_block, raw: list) -> Iterator[_Leaf]:
    yield from _walk(stream_block, raw, "", (), None, None)


def _max_length(block) -> int | None:
    field = getattr(block, "field", None)
    return getattr(field, "max_length", None)


def _features(block) -> tuple[str, ...] | None:
    features = getattr(block, "features", None)
    return tuple(features) if features else None


# -- units of an object ------------------------------------------------------------------------


def field_texts(instance, field_name: str, language: str) -> dict[str, str]:
    """``{unit key: text}`` of one field in one language (only non-empty texts)."""
    field = instance._meta.get_field(field_name)
    value = getattr(instance, localized(field_name, language), None)
    if isinstance(field, StreamField):
        return {
            f"{field_name}{leaf.path}": leaf.text
            for leaf in stream_leaves(field.stream_block, stream_raw_readonly(value))
            if leaf.text.strip()
        }
    return {field_name: value} if isinstance(value, str) and value.strip() else {}


def _source_of(source_language, field_name: str) -> str:
    """``source_language`` is one language, or ``{field: language}`` (``field_source_languages``)."""
    if isinstance(source_language, dict):
        return source_language.get(field_name, DEFAULT_LANGUAGE)
    return source_language


def units(instance, source_language: str | dict = DEFAULT_LANGUAGE) -> list[Unit]:
    """Every non-empty source text of ``instance`` as a unit, in editor order."""
    found = []
    for field_name in text_fields(type(instance)):
        field = instance._meta.get_field(field_name)
        field_label = str(field.verbose_name)
        value = getattr(instance, localized(field_name, _source_of(source_language, field_name)), None)
        if isinstance(field, StreamField):
            for leaf in stream_leaves(field.stream_block, stream_raw(value)):
                if not leaf.text.strip():
                    continue
                found.append(
                    Unit(
                        key=f"{field_name}{leaf.path}",
                        field=field_name,
                        path=leaf.path.lstrip("/"),
                        kind=RICH if isinstance(leaf.block, blocks.RichTextBlock) else PLAIN,
                        source=leaf.text,
                        label=" › ".join((field_label, *leaf.labels)),
                        max_length=_max_length(leaf.block),
                        features=_features(leaf.block) if isinstance(leaf.block, blocks.RichTextBlock) else None,
                    )
                )
        elif isinstance(value, str) and value.strip():
            rich = isinstance(field, RichTextField)
            found.append(
                Unit(
                    key=field_name,
                    field=field_name,
                    path="",
                    kind=RICH if rich else PLAIN,
                    source=value,
                    label=field_label,
                    max_length=getattr(field, "max_length", None),
                    features=tuple(field.features) if rich and field.features else None,
                )
            )
    return found


def field_fingerprint(instance, field_name: str, language: str) -> str | None:
    """Fingerprint of all text of one field in one language, None when it has none."""
    texts = field_texts(instance, field_name, language)
    if not texts:
        return None
    return fingerprint(json.dumps(sorted(texts.items()), ensure_ascii=False))


# -- writing translations ------------------------------------------------------------------------


def apply_translations(
    instance, language: str, values: dict[str, str], source_language: str | dict = DEFAULT_LANGUAGE
) -> list[str]:
    """Write translated texts (``{unit key: text}``) into ``instance``'s ``language`` columns.

    StreamFields are rebuilt on the source's structure (same block ids), taking for each
    text the new translation, else the existing translation at the same block path, else the
    source text (what a reader would have seen by fallback anyway). Returns changed fields.
    Nothing is saved.
    """
    by_field: dict[str, dict[str, str]] = {}
    for key, text in values.items():
        field_name, _sep, _path = key.partition("/")
        by_field.setdefault(field_name, {})[key] = text
    changed = []
    for field_name, field_values in by_field.items():
        field = instance._meta.get_field(field_name)
        column = localized(field_name, language)
        if isinstance(field, StreamField):
            raw = stream_raw(getattr(instance, localized(field_name, _source_of(source_language, field_name)), None))
            existing = field_texts(instance, field_name, language)
            for leaf in stream_leaves(field.stream_block, raw):
                key = f"{field_name}{leaf.path}"
                if key in field_values:
                    leaf.container[leaf.slot] = field_values[key]
                elif key in existing:
                    leaf.container[leaf.slot] = existing[key]
            setattr(instance, column, field.stream_block.to_python(raw))
        else:
            setattr(instance, column, field_values[field_name])
        changed.append(field_name)
    return changed
