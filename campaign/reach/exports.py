"""CSV and XLSX exports of the dashboard's tables (tablib; openpyxl writes the XLSX).

Exports are built from the same suppressed tables as the page (``dashboard.build_tables``):
a small cell is "fewer than 5" in the file too. Every text cell that a spreadsheet would
read as a formula (``= + - @``, tab, carriage return) is prefixed with an apostrophe.
The tables are aggregates (a few hundred rows at most: countries × figures), so an export
is built in the request; it never reads events, stories or downloads themselves.
"""

from __future__ import annotations

import tablib
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .dashboard import build_tables
from .models import ExportJob

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def dataset(tables, year: int) -> tablib.Dataset:
    data = tablib.Dataset(headers=[_("Figure"), _("Item"), str(year), str(year - 1)])
    for table in tables:
        for row in table.rows:
            data.append(
                [
                    neutralise(table.title),
                    neutralise(row.label),
                    row.current.value if row.current.value is not None else neutralise(row.current.text),
                    row.previous.value if row.previous.value is not None else neutralise(row.previous.text),
                ]
            )
    data.title = _("Impact %(year)s") % {"year": year}
    return data


def export(tables, year: int, fmt: str) -> tuple[bytes, str]:
    data = dataset(tables, year)
    if fmt == "xlsx":
        return data.export("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return data.export("csv").encode("utf-8-sig"), "text/csv; charset=utf-8"


def build(job_id: int) -> None:
    """Build one ``ExportJob`` (a worker): the tables a table at a time, progress recorded."""
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or job.status == ExportJob.Status.DONE:
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING, progress=5)
    with translation.override(job.language):
        tables = build_tables(job.scope, job.year, job.date_from, job.date_to)
        ExportJob.objects.filter(pk=job.pk).update(progress=60)
        body, _content_type = export(tables, job.year, job.fmt)
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, progress=100, content=body, finished_at=timezone.now()
    )
