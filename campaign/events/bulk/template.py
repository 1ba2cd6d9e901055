"""The downloadable template, in the uploader's language: the columns, one example row, and a
second sheet with every column's allowed values (tablib writes XLSX through openpyxl, and CSV)."""

from __future__ import annotations

import tablib
from django.utils.translation import gettext as _

from . import cells
from .columns import COLUMNS


def _allowed(column) -> str:
    kind = column.kind
    if ":" in kind:
        choices = cells.CHOICE_SETS[kind.split(":", 1)[1]]()
        if kind.endswith(":country"):
            return _("Country name or two-letter code (BE, FR, JP…)")
        seen = []
        for code, label in choices:
            entry = f"{label} ({code})" if str(label) != code else code
            if entry not in seen:
                seen.append(entry)
        return "; ".join(seen)
    return str(column.hint)


def events_sheet() -> tablib.Dataset:
    headers = [f"{column.label}{' *' if column.required else ''}" for column in COLUMNS]
    sheet = tablib.Dataset(headers=headers, title=_("Events")[:31])
    example = {
        "title": _("Family workshop: staying safe online"),
        "description": _("A hands-on workshop for parents and children."),
        "start_date": "10/02/2027",
        "start_time": "14:00",
        "end_date": "10/02/2027",
        "end_time": "16:00",
        "all_day": _("no"),
        "time_zone": "Europe/Brussels",
        "format": str(dict(cells.CHOICE_SETS["format"]())["in_person"]),
        "venue": _("Town library"),
        "address": "Rue Royale 1, 1000 Bruxelles",
        "country": "BE",
        "audience": str(dict(cells.CHOICE_SETS["audience"]())["parents"]),
        "age_bands": "9-12; 13-15",
        "languages": "fr; en",
        "registration_url": "https://example.org/register",
    }
    sheet.append([str(example.get(column.key, "")) for column in COLUMNS])
    return sheet


def allowed_sheet() -> tablib.Dataset:
    sheet = tablib.Dataset(headers=[_("Column"), _("Required"), _("Allowed values")], title=_("Allowed values")[:31])
    for column in COLUMNS:
        sheet.append([str(column.label), _("yes") if column.required else _("no"), _allowed(column)])
    return sheet


def template_file(file_format: str) -> bytes:
    if file_format == "csv":
        return ("\ufeff" + events_sheet().export("csv")).encode("utf-8")
    book = tablib.Databook([events_sheet(), allowed_sheet()])
    return book.export("xlsx")
