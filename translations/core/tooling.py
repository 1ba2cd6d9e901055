"""Writing translated values by language: for demo loaders, imports and tests.

This is translation tooling, the one kind of code allowed to name language columns.
"""

from __future__ import annotations

from modeltranslation.utils import build_localized_fieldname

from .languages import DEFAULT_LANGUAGE


def set_translations(instance, values: dict[str, dict]) -> None:
    """Set fields from ``{"en": {"title": …, "intro": …}, "fr": {…}}`` on ``instance``."""
    for language, fields in values.items():
        for name, value in fields.items():
            setattr(instance, build_localized_fieldname(name, language), value)
            if language == DEFAULT_LANGUAGE:
                setattr(instance, name, value)


def get_translation(instance, field: str, language: str):
    """The value stored for ``language`` itself, without fallback."""
    return getattr(instance, build_localized_fieldname(field, language))
