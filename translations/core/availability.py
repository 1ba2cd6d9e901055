"""Which languages a piece of content really exists in, and which one a visitor sees.

This is translation tooling: it is the one place that reads language columns by name.
"""

from __future__ import annotations

from django.utils.translation import get_language
from modeltranslation.utils import build_localized_fieldname, resolution_order

from .languages import DEFAULT_LANGUAGE, LANGUAGE_CODES


def _value(instance, field: str, language: str):
    value = getattr(instance, build_localized_fieldname(field, language), None)
    if hasattr(value, "raw_data"):  # StreamValue: empty when it has no blocks
        return value if len(value.raw_data) else None
    return value or None


def available_languages(instance, field: str = "title") -> list[str]:
    """Languages in which ``field`` has its own text (not a fallback)."""
    return [code for code in LANGUAGE_CODES if _value(instance, field, code)]


def displayed_language(instance, field: str = "title", language: str | None = None) -> str | None:
    """The language whose text a visitor in ``language`` sees for ``field``."""
    language = language or get_language() or DEFAULT_LANGUAGE
    chain = list(resolution_order(language))
    if DEFAULT_LANGUAGE not in chain:
        chain.append(DEFAULT_LANGUAGE)
    for code in chain:
        if _value(instance, field, code):
            return code
    # Then the source language (translations.core.source), which every text falls back to last.
    source = getattr(instance, "source_language", None)
    if source and _value(instance, field, source):
        return source
    return None


def fallback_language(instance, fields=("title",), language: str | None = None) -> str | None:
    """If any of ``fields`` shows text from another language, that language; else None.

    Only fields that have text in some language count, so an empty optional field does
    not make a page look untranslated.
    """
    language = language or get_language() or DEFAULT_LANGUAGE
    for field in fields:
        shown = displayed_language(instance, field, language)
        if shown and shown != language:
            return shown
    return None
