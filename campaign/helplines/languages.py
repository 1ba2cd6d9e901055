"""Languages a helpline speaks: ISO codes Django knows, shown as names in the reader's language.

Helplines speak far more languages than the site is written in (Dutch, Swedish, Greek…), so
this is not ``settings.LANGUAGES``: any code in Django's language table is accepted, and
``get_language_info`` gives its name translated into the visitor's language.
"""

from __future__ import annotations

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _


def parse_language_codes(value: str) -> list[str]:
    return [code.strip().lower() for code in (value or "").split(",") if code.strip()]


def validate_language_codes(value: str) -> None:
    unknown = [code for code in parse_language_codes(value) if code not in LANG_INFO]
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s. Use codes such as en, fr, nl, sw."),
            params={"codes": ", ".join(unknown)},
        )


def language_display_name(code: str) -> str:
    """The language's name in the active language ("néerlandais" for nl on /fr/)."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code
