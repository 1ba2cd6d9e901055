"""Which language a read-API or embed request asks for, and which language each field shows.

The language of a field is decided by the same rules as the pages (``translations.core.availability``):
the visitor's language, its fallback chain (the region's, when one is active:
``translations.core.fallback``), then the source language (``translations.core.source``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from translations.core.availability import displayed_language
from translations.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES


class UnknownLanguage(ValueError):
    pass


def requested_language(value: str | None) -> str:
    """``?lang=``: one of the site's languages (English when absent); anything else is refused."""
    if not value:
        return DEFAULT_LANGUAGE
    code = value.strip().lower()
    if code not in LANGUAGE_CODES:
        raise UnknownLanguage(
            _("Unknown language %(code)s. Use one of: %(codes)s.")
            % {"code": value[:20], "codes": ", ".join(LANGUAGE_CODES)}
        )
    return code


def field_languages(instance, fields, language: str) -> dict[str, str]:
    """``{field: language}`` for each of ``fields`` that has text in some language."""
    shown = {}
    for field in fields:
        code = displayed_language(instance, field, language)
        if code:
            shown[field] = code
    return shown
