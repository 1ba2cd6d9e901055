"""From uploaded bytes to a header row and data rows, or a clear refusal (``FileRefused``).

CSV through tablib (UTF-8, with or without BOM, or UTF-16 with a BOM; comma, semicolon or
tab), XLSX through openpyxl (merged cells and formulas are seen, not silently flattened).
Nothing here saves anything.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile

import tablib
from django.utils.translation import gettext as _

#: The largest file and the most data rows one upload may have.
MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
#: An XLSX is a ZIP: refuse one that unpacks to more than this (a "zip bomb").
MAX_UNPACKED_BYTES = 100 * 1024 * 1024


class FileRefused(Exception):
    """The whole file is refused; ``message`` says why, in the uploader's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Formula:
    """A cell that holds a formula, not a value (refused per cell)."""

    def __init__(self, text: str):
        self.text = text

    def __str__(self):
        return self.text


def read_rows(data: bytes, filename: str) -> tuple[list[str], list[list]]:
    """(headers, rows); each row as long as the headers. Raises FileRefused."""
    if len(data) > MAX_BYTES:
        raise FileRefused(_("The file is larger than 5 MB. Split it into several files."))
    if not data.strip():
        raise FileRefused(_("The file is empty."))
    name = (filename or "").lower()
    if data[:4] == b"PK\x03\x04":
        headers, rows = _read_xlsx(data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or name.endswith((".xls", ".ods", ".numbers")):
        raise FileRefused(_("This kind of spreadsheet is not supported. Save it as XLSX (Excel) or CSV UTF-8."))
    else:
        headers, rows = _read_csv(data)
    rows = [row for row in rows if any(_filled(value) for value in row)]
    if not any(_filled(header) for header in headers):
        raise FileRefused(_("The first row must hold the column names, as in the template."))
    if not rows:
        raise FileRefused(_("The file has column names but no events."))
    if len(rows) > MAX_ROWS:
        raise FileRefused(
            _("The file has %(count)s events; at most %(max)s are accepted at once. Split it into several files.")
            % {"count": len(rows), "max": MAX_ROWS}
        )
    return [str(header or "").strip() for header in headers], rows


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")


def estimate_rows(data: bytes) -> int | None:
    """About how many data rows the file has, without reading it (constant time for XLSX:
    the first sheet's declared dimension; one byte count for CSV). None: cannot tell."""
    if data[:4] != b"PK\x03\x04":
        newline = b"\n\x00" if data.startswith(b"\xff\xfe") else b"\n"
        return max(data.count(newline), 1) - 1 + (0 if data.endswith(newline) else 1)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = sorted(name for name in archive.namelist() if name.startswith("xl/worksheets/sheet"))
            if not names:
                return None
            with archive.open(names[0]) as sheet:
                head = sheet.read(4096)
    except (zipfile.BadZipFile, OSError, RuntimeError, ValueError):
        return None
    match = _DIMENSION.search(head)
    if match is None:
        return None
    return max(int(match.group(1) or 1) - 1, 0)


def _filled(value) -> bool:
    return value is not None and str(value).strip() != ""


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(
            _(
                "The file is not in UTF-8, so accents and other scripts would be garbled. "
                "In your spreadsheet, save it as “CSV UTF-8”, or upload the XLSX file itself."
            )
        ) from None


def _read_csv(data: bytes) -> tuple[list, list[list]]:
    text = _decode(data)
    if "\x00" in text:
        raise FileRefused(_("The file is not a CSV or XLSX spreadsheet."))
    first_line = text.split("\n", 1)[0]
    # Spreadsheets in many languages write semicolons (the comma is their decimal mark).
    delimiter = max((",", ";", "\t"), key=first_line.count)
    if text.count("\n") > MAX_ROWS * 3:
        raise FileRefused(_("The file has more than %(max)s rows. Split it into several files.") % {"max": MAX_ROWS})
    try:
        dataset = tablib.import_set(text, format="csv", delimiter=delimiter)
    except (tablib.InvalidDimensions, csv.Error):
        raise FileRefused(
            _("Some rows have more cells than there are column names. Check for stray separators.")
        ) from None
    rows = [list(row) for row in dataset]
    formulas = [[Formula(value) if _is_formula(value) else value for value in row] for row in rows]
    return list(dataset.headers or []), formulas


def _is_formula(value) -> bool:
    # What a spreadsheet would run if the file were opened again ("=HYPERLINK(...)", "@SUM").
    return isinstance(value, str) and value[:1] in ("=", "@") and len(value) > 1


def _read_xlsx(data: bytes) -> tuple[list, list[list]]:
    from openpyxl import load_workbook  # loaded only when a spreadsheet is read

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise FileRefused(_("The spreadsheet is too large once unpacked. Split it into several files."))
        workbook = load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    except FileRefused:
        raise
    except Exception:  # openpyxl raises many kinds on damaged files
        raise FileRefused(
            _("The file could not be read as an XLSX spreadsheet. Save it again, as XLSX or CSV UTF-8.")
        ) from None
    sheet = workbook.worksheets[0]
    if sheet.max_row > MAX_ROWS + 1 + 50:
        raise FileRefused(_("The file has more than %(max)s rows. Split it into several files.") % {"max": MAX_ROWS})
    merged = [str(cell_range) for cell_range in sheet.merged_cells.ranges]
    if merged:
        raise FileRefused(
            _("Merged cells cannot be read as one value per event: unmerge %(ranges)s and upload again.")
            % {"ranges": ", ".join(merged[:10])}
        )
    rows = []
    for row in sheet.iter_rows():
        rows.append([Formula(str(cell.value)) if cell.data_type == "f" else cell.value for cell in row])
    if not rows:
        raise FileRefused(_("The file is empty."))
    headers, body = rows[0], rows[1:]
    width = len(headers)
    return headers, [(row + [None] * width)[:width] for row in body]
