"""The dry run: every row read and validated exactly like a single partner submission
(``EventSubmissionForm``), with its result per cell, before anything is saved."""

from __future__ import annotations

import dataclasses
import datetime
import zoneinfo
from collections import defaultdict

from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from ..models import EventPage
from ..submissions.forms import EventSubmissionForm
from ..submissions.review import SIMILARITY, title_similarity
from ..when import local_when
from . import cells
from .columns import BY_KEY, match_headers
from .reading import FileRefused, Formula, read_rows

NEW, DUPLICATE, ERROR = "new", "duplicate", "error"
#: Fields of the stored row (JSON) that become the event.
DATA_FIELDS = (
    "title",
    "description",
    "all_day",
    "time_zone",
    "format",
    "venue",
    "address",
    "country",
    "audience",
    "age_bands",
    "languages",
    "registration_url",
)


class RowForm(EventSubmissionForm):
    """The single-submission form, minus its two long choice lists: the cell readers already
    checked the country and the zone against the full lists (``cells.read_choice``,
    ``cells.read_zone``), and building 850 choices per row was most of a dry run's time."""

    country = forms.CharField(required=False)
    time_zone = forms.CharField()

    def __init__(self, *args, **kwargs):
        forms.Form.__init__(self, *args, **kwargs)


@dataclasses.dataclass
class Report:
    rows: list[dict]
    refused: str = ""
    unknown_columns: list[str] = dataclasses.field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for row in self.rows if row["status"] == status)


def check_file(
    data: bytes,
    filename: str,
    language: str,
    organisation: str,
    contact_email: str,
    *,
    allowed_countries=None,
    progress=None,
) -> Report:
    """The dry run, in ``language``. ``allowed_countries``: a coordinator's region's countries
    (None: any; partner rows are routed to the region covering their country).
    ``progress(checked, total)``, if given, is called after each row (the background run)."""
    with translation.override(language):
        try:
            headers, rows = read_rows(data, filename)
        except FileRefused as refusal:
            return Report(rows=[], refused=refusal.message)
        positions, unknown, missing = match_headers(headers)
        if missing:
            names = ", ".join(f"“{BY_KEY[key].label}”" for key in missing)
            return Report(rows=[], refused=_("Columns missing: %(names)s. Start from the template.") % {"names": names})
        results = []
        for number, row in enumerate(rows, start=2):
            results.append(_check_row(number, row, positions, language, organisation, contact_email, allowed_countries))
            if progress is not None:
                progress(len(results), len(rows))
        _mark_duplicates(results)
        return Report(rows=results, unknown_columns=unknown)


def _read_cell(column, value, language):
    if isinstance(value, Formula):
        raise ValidationError(
            _("Formulas are not accepted (%(formula)s): paste the value itself."),
            params={"formula": str(value)[:40]},
        )
    kind = column.kind
    if kind == "date":
        return cells.read_date(value, language)
    if kind == "time":
        return cells.read_time(value)
    if kind == "zone":
        return cells.read_zone(value)
    if kind == "bool":
        return cells.read_bool(value)
    if kind.startswith("choices:"):
        return cells.read_choices(value, kind.split(":", 1)[1])
    if kind.startswith("choice:"):
        return cells.read_choice(value, kind.split(":", 1)[1])
    return cells.text(value) if not isinstance(value, str) else value.strip()


def _form_value(value):
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()[:10] if isinstance(value, datetime.date) else value.strftime("%H:%M")
    return value if value is not None else ""


def _check_row(number, row, positions, language, organisation, contact_email, allowed_countries) -> dict:
    errors: dict[str, list[str]] = defaultdict(list)
    form_data = {"organisation": organisation, "contact_email": contact_email}
    for position, key in positions.items():
        column = BY_KEY[key]
        try:
            form_data[key] = _form_value(_read_cell(column, row[position], language))
        except ValidationError as error:
            errors[key].extend(error.messages)
    form = RowForm(form_data)
    form.is_valid()
    for field, messages in form.errors.items():
        if field in errors:
            continue  # the cell could not be read: that is the reason to show
        key = field if field in BY_KEY else "row"
        errors[key].extend(str(message) for message in messages)
    data = form.cleaned_data if not errors else {}
    country = data.get("country") or form_data.get("country") or ""
    if not errors and allowed_countries is not None and country and country not in allowed_countries:
        errors["country"].append(_("This country is not in your region. Upload it to its own region's calendar."))
    result = {
        "number": number,
        "status": ERROR if errors else NEW,
        "title": str(form_data.get("title", ""))[:200],
        "errors": [[key, message] for key, messages in errors.items() for message in messages],
        "duplicates": [],
    }
    if not errors:
        stored = {name: data.get(name) for name in DATA_FIELDS}
        stored["start"], stored["end"] = data["start"].isoformat(), data["end"].isoformat()
        stored["all_day"] = bool(data.get("all_day"))
        result["data"] = stored
        result["when"] = local_when(_Timed(data)).text
    return result


class _Timed:
    """What local_when (the one renderer of an event's time) needs, from cleaned form data."""

    def __init__(self, data):
        self.start, self.end = data["start"], data["end"]
        self.time_zone, self.all_day = data["time_zone"], bool(data.get("all_day"))


def _local_day(start_iso: str, zone_name: str) -> datetime.date:
    return datetime.datetime.fromisoformat(start_iso).astimezone(zoneinfo.ZoneInfo(zone_name)).date()


def _mark_duplicates(results: list[dict]) -> None:
    """Hint likely duplicates: within the file, and against existing events (one query)."""
    accepted = [row for row in results if row["status"] == NEW]
    if not accepted:
        return
    seen: dict[tuple, int] = {}
    for row in accepted:
        data = row["data"]
        key = (cells._key(data["title"]), data["start"], data["country"])
        if key in seen:
            row["status"] = DUPLICATE
            row["duplicates"].append({"row": seen[key]})
        else:
            seen[key] = row["number"]
    starts = [datetime.datetime.fromisoformat(row["data"]["start"]) for row in accepted]
    window = datetime.timedelta(hours=26)
    countries = {row["data"]["country"] for row in accepted}
    existing = (
        EventPage.objects.filter(
            country__in=countries, start__gte=min(starts) - window, start__lte=max(starts) + window
        )
        .order_by("start")
        .values_list("pk", "title", "start", "time_zone", "country", "url_path")
    )
    by_day = defaultdict(list)
    for pk, title, start, zone_name, country, _path in existing.iterator():
        day = start.astimezone(zoneinfo.ZoneInfo(zone_name)).date()
        by_day[(country, day)].append((pk, title))
    for row in accepted:
        data = row["data"]
        for pk, title in by_day.get((data["country"], _local_day(data["start"], data["time_zone"])), []):
            score = title_similarity(data["title"], title)
            if score >= SIMILARITY:
                row["status"] = DUPLICATE
                row["duplicates"].append({"event": pk, "title": title, "score": round(score, 2)})
