"""Reading one spreadsheet cell: dates in the uploader's language's order, times, time zones
by name or UTC offset, yes/no, and choices by code or by their label in any of our languages.

Each reader returns a value or raises ``ValidationError`` with a message in the active
language (the dry run runs in the uploader's language).
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from django_countries import countries

from translations.core.languages import LANGUAGE_CODES, native_language_choices

from .. import models
from ..models.choices import AGE_BANDS

DAY_FIRST = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%d/%m/%y", "%d.%m.%y")
YEAR_FIRST = ("%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日", "%Y年%m月%d号")
#: Numeric date orders people write in each language (ISO YYYY-MM-DD is always accepted).
#: English follows the international (day-first) order, as the template says.
DATE_FORMATS = {code: DAY_FIRST for code in LANGUAGE_CODES} | {"zh-hans": YEAR_FIRST, "ja": YEAR_FIRST}
DATE_EXAMPLE = {code: "31/12/2027" for code in LANGUAGE_CODES} | {"zh-hans": "2027/12/31", "ja": "2027/12/31"}
TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%H.%M", "%Hh%M", "%Hh", "%H時%M分", "%H时%M分", "%I:%M %p", "%I %p", "%I:%M%p")

YES = {"1", "x", "true", "yes", "y", "oui", "sí", "si", "sim", "ja", "نعم", "是", "はい", "हाँ", "हां", "ndiyo"}
NO = {"", "0", "false", "no", "n", "non", "não", "nao", "nein", "لا", "否", "いいえ", "नहीं", "hapana"}
OFFSET = re.compile(r"^(?:utc|gmt)?\s*([+\-\u2212])\s*(\d{1,2})(?::?(\d{2}))?$")
LIST_SEPARATORS = re.compile(r"[;,،、，；\n]+")


def text(value) -> str:
    """A cell as text: NFKC (full-width digits and letters become ASCII), digits of every
    script as ASCII digits, surrounding space removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    value = unicodedata.normalize("NFKC", str(value)).strip()
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in value)


def read_date(value, language: str) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    if not raw:
        return None
    for pattern in ("%Y-%m-%d", *DATE_FORMATS.get(language, DAY_FIRST)):
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise ValidationError(
        _("“%(value)s” is not a date we can read. Write it as %(example)s or 2027-12-31."),
        params={"value": raw[:40], "example": DATE_EXAMPLE.get(language, "31/12/2027")},
        code="date",
    )


def read_time(value) -> datetime.time | None:
    if isinstance(value, datetime.datetime):
        return value.time()
    if isinstance(value, datetime.time):
        return value
    raw = text(value)
    if not raw:
        return None
    upper = raw.upper().replace(".M.", "M").replace("A.M", "AM").replace("P.M", "PM")
    for pattern in TIME_FORMATS:
        try:
            return datetime.datetime.strptime(upper if "%p" in pattern else raw, pattern).time()
        except ValueError:
            continue
    raise ValidationError(
        _("“%(value)s” is not a time we can read. Write it as 14:30."), params={"value": raw[:40]}, code="time"
    )


@functools.cache
def _zone_names() -> dict[str, str]:
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


def read_zone(value) -> str:
    """An IANA zone name ("Europe/Brussels", any case), or a whole-hour UTC offset as a fixed zone."""
    raw = text(value)
    if not raw:
        return ""
    key = raw.replace(" ", "_").casefold()
    if key in _zone_names():
        return _zone_names()[key]
    if raw.casefold() in ("utc", "gmt", "z"):
        return "UTC"
    match = OFFSET.match(raw.casefold().replace(" ", ""))
    if match:
        sign, hours, minutes = match.groups()
        hours, minutes = int(hours), int(minutes or 0)
        if hours <= 14 and minutes == 0:
            if hours == 0:
                return "UTC"
            # POSIX sign convention: Etc/GMT-2 is two hours *ahead* of UTC.
            return f"Etc/GMT{'-' if sign == '+' else '+'}{hours}"
        raise ValidationError(
            _(
                "%(value)s is not a whole number of hours from UTC. "
                "Write the time zone's name instead, for example Asia/Kolkata."
            ),
            params={"value": raw[:40]},
            code="zone",
        )
    raise ValidationError(
        _("%(value)s is not a known time zone. Write its name, for example Europe/Brussels, or an offset like UTC+2."),
        params={"value": raw[:40]},
        code="zone",
    )


def read_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    raw = text(value).casefold()
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise ValidationError(_("Write yes or no (or leave it empty for no)."), code="bool")


def _key(label) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(label)).casefold().split())


@functools.cache
def _labels(choices_key: str) -> dict[str, str]:
    """label (in every language, normalised) or code → code, for one set of choices."""
    found = {}
    for language in LANGUAGE_CODES:
        with translation.override(language):
            # Evaluated in each language: country names are translated when listed.
            for code, label in CHOICE_SETS[choices_key]():
                found.setdefault(_key(label), code)
    for code, _label in CHOICE_SETS[choices_key]():
        found[_key(code)] = code
    return found


def read_choice(value, choices_key: str) -> str:
    raw = text(value)
    if not raw:
        return ""
    code = _labels(choices_key).get(_key(raw))
    if code is None:
        raise ValidationError(
            _("“%(value)s” is not one of the allowed values (see the “Allowed values” sheet of the template)."),
            params={"value": raw[:60]},
            code="choice",
        )
    return code


def read_choices(value, choices_key: str) -> list[str]:
    raw = text(value)
    return [read_choice(part, choices_key) for part in LIST_SEPARATORS.split(raw) if part.strip()]


def _country_choices():
    return list(countries)


def _language_choices():
    return list(settings.LANGUAGES) + native_language_choices()


def _model_choices(name):
    def load():
        return getattr(models, name).choices

    return load


def _age_bands():
    return AGE_BANDS


CHOICE_SETS = {
    "country": _country_choices,
    "language": _language_choices,
    "format": _model_choices("EventFormat"),
    "audience": _model_choices("Audience"),
    "age_band": _age_bands,
}
