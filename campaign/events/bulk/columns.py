"""The template's columns: what each is called in every language and how its cells are read."""

from __future__ import annotations

import dataclasses
import functools
import unicodedata

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from translations.core.languages import LANGUAGE_CODES


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    label: Promise
    #: how a cell is read: text, date, time, zone, bool, choice:<set>, choices:<set>
    kind: str
    required: bool = False
    hint: Promise | str = ""


COLUMNS = (
    Column("title", _("Event title"), "text", True),
    Column("description", _("Description"), "text", True, _("Plain text, at most 5,000 characters.")),
    Column("start_date", _("Start date"), "date", True, _("Day first (31/12/2027), or 2027-12-31.")),
    Column("start_time", _("Start time"), "time", False, _("24-hour clock, e.g. 14:30. Empty for all-day events.")),
    Column("end_date", _("End date"), "date", True),
    Column("end_time", _("End time"), "time"),
    Column("all_day", _("All day"), "bool", False, _("yes or no")),
    Column("time_zone", _("Time zone"), "zone", True, _("A name such as Europe/Brussels, or an offset such as UTC+2.")),
    Column("format", _("Format"), "choice:format", True),
    Column("venue", _("Venue"), "text"),
    Column("address", _("Address"), "text"),
    Column("country", _("Country"), "choice:country", False, _("Name or two-letter code.")),
    Column("audience", _("Audience"), "choices:audience", False, _("Several values separated by ;")),
    Column("age_bands", _("Age bands"), "choices:age_band", False, _("Several values separated by ;")),
    Column("languages", _("Languages spoken"), "choices:language", False, _("Several values separated by ;")),
    Column("registration_url", _("Registration link"), "text"),
)
BY_KEY = {column.key: column for column in COLUMNS}


def _normal(value) -> str:
    return " ".join(unicodedata.normalize("NFKC", str(value or "")).casefold().replace("*", " ").split())


@functools.cache
def header_names() -> dict[str, str]:
    """Column title in any language (or its key) → key."""
    names = {}
    for language in LANGUAGE_CODES:
        with translation.override(language):
            for column in COLUMNS:
                names.setdefault(_normal(column.label), column.key)
    for column in COLUMNS:
        names[_normal(column.key)] = column.key
    return names


def match_headers(headers: list[str]) -> tuple[dict[int, str], list[str], list[str]]:
    """({position: key}, unknown header texts, missing required column keys)."""
    positions, unknown = {}, []
    for position, header in enumerate(headers):
        key = header_names().get(_normal(header))
        if key is None:
            if str(header or "").strip():
                unknown.append(str(header).strip()[:60])
        elif key not in positions.values():
            positions[position] = key
    missing = [column.key for column in COLUMNS if column.required and column.key not in positions.values()]
    return positions, unknown, missing
