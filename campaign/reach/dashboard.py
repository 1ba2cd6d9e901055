"""The impact dashboard's tables, read from ``DailyFigure`` with a fixed number of queries.

Every number passes through ``cell()``: a figure above zero and below
``SID_REACH_MIN_CELL`` is never shown, charted or exported, only "fewer than N". Charts and
both export formats are built from these same tables, so suppression has one gate.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q, Sum
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from campaign.events.models import Audience, EventFormat
from campaign.packs.models import CuratedPack
from sid import counters
from sitecontent.models import RegionPage

from . import figures
from .models import DailyFigure
from .worldmap import country_name


@dataclass
class Cell:
    """A figure as it may be shown: ``value`` is None when suppressed."""

    value: int | None
    text: str

    @property
    def suppressed(self) -> bool:
        return self.value is None


def threshold() -> int:
    return settings.SID_REACH_MIN_CELL


def cell(value: int | None) -> Cell:
    if value is None:
        return Cell(0, "–")
    if 0 < value < threshold():
        return Cell(None, _("fewer than %(n)s") % {"n": threshold()})
    return Cell(value, str(value))


@dataclass
class Row:
    label: str
    current: Cell
    previous: Cell


@dataclass
class Table:
    slug: str
    title: str
    column: str
    rows: list[Row] = field(default_factory=list)
    unit: str = ""

    @property
    def largest(self) -> int:
        return max((row.current.value or 0 for row in self.rows), default=0)


TABLES = (
    # (slug, metric, title, column)
    ("events-country", figures.EVENTS_BY_COUNTRY, gettext_lazy("Events by country"), gettext_lazy("Country")),
    ("events-format", figures.EVENTS_BY_FORMAT, gettext_lazy("Events by format"), gettext_lazy("Format")),
    ("events-audience", figures.EVENTS_BY_AUDIENCE, gettext_lazy("Events by audience"), gettext_lazy("Audience")),
    ("countries", figures.COUNTRIES, gettext_lazy("Countries taking part"), gettext_lazy("Region")),
    ("submissions", figures.SUBMISSIONS, gettext_lazy("Partner event submissions"), gettext_lazy("Status")),
    (
        "submission-hours",
        figures.SUBMISSION_HOURS,
        gettext_lazy("Partner submissions: median hours to a decision"),
        gettext_lazy("Region"),
    ),
    ("stories", figures.STORIES, gettext_lazy("Youth stories"), gettext_lazy("Status")),
    (
        "story-hours",
        figures.STORY_HOURS,
        gettext_lazy("Youth stories: median hours of moderation"),
        gettext_lazy("Region"),
    ),
    (
        "downloads-language",
        counters.PACK_DOWNLOADS,
        gettext_lazy("Pack downloads by language"),
        gettext_lazy("Language"),
    ),
    ("downloads-pack", counters.PACK_DOWNLOADS, gettext_lazy("Pack downloads by pack"), gettext_lazy("Pack")),
    ("help-visits", counters.HELP_VISITS, gettext_lazy("Help page visits by country"), gettext_lazy("Country")),
)
#: Figures kept per region and shown per region (a median is not added up).
PER_REGION = {figures.COUNTRIES, figures.SUBMISSION_HOURS, figures.STORY_HOURS}
STATUS_LABELS = {
    "received": gettext_lazy("Received"),
    "approved": gettext_lazy("Approved"),
    "published": gettext_lazy("Approved"),
    "rejected": gettext_lazy("Rejected"),
    "withdrawn": gettext_lazy("Withdrawn"),
    "in_review": gettext_lazy("Waiting for a decision"),
    "awaiting_consent": gettext_lazy("Waiting for a parent or carer"),
}


def _region_countries(scope) -> list[str] | None:
    if scope is None:
        return None

    codes = []
    for countries in RegionPage.objects.filter(short_code__in=scope).values_list("countries", flat=True):
        listed = countries.split(",") if isinstance(countries, str) else (countries or [])
        codes += [str(getattr(code, "code", code)) for code in listed if code]
    return codes


def _labels() -> dict:
    return {
        "format": dict(EventFormat.choices),
        "audience": dict(Audience.choices),
        "language": dict(settings.LANGUAGES),
        "pack": dict(CuratedPack.objects.values_list("pk", "title")),
        "region": dict(_regions_titles()),
    }


def _regions_titles():
    return [(region.short_code, region.title) for region in RegionPage.objects.all()]


def build_tables(scope, year: int, date_from: datetime.date | None = None, date_to: datetime.date | None = None):
    """The dashboard's tables for edition ``year`` (and ``year - 1`` beside it), limited to
    the regions in ``scope`` (None: all). Counters are summed over the date range."""
    language = get_language()
    figures_qs = DailyFigure.objects.filter(edition_year__in=[year, year - 1])
    counted = Q(metric__in=figures.COUNTER_METRICS)
    if date_from:
        counted &= Q(day__gte=date_from)
    if date_to:
        counted &= Q(day__lte=date_to)
    visible = Q(metric__in=figures.SNAPSHOT_METRICS) | (counted & ~Q(metric=counters.HELP_VISITS))
    if scope is None:
        visible |= counted & Q(metric=counters.HELP_VISITS)
    else:
        figures_qs = figures_qs.filter(Q(region__in=scope) | Q(metric=counters.HELP_VISITS))
        visible |= counted & Q(metric=counters.HELP_VISITS, key__in=_region_countries(scope))
    values = defaultdict(int)
    for row in (
        figures_qs.filter(visible).values("edition_year", "region", "metric", "key").annotate(total=Sum("value"))
    ):
        metric, key = row["metric"], row["key"]
        if metric in PER_REGION:
            key = row["region"]
        if metric == counters.PACK_DOWNLOADS:
            pack, lang = key.split(".", 1)
            values[("downloads-pack", pack, row["edition_year"])] += row["total"]
            values[("downloads-language", lang, row["edition_year"])] += row["total"]
            continue
        values[(metric, key, row["edition_year"])] += row["total"]
    labels = _labels()

    def label(slug, metric, key):
        if metric in (figures.EVENTS_BY_COUNTRY, counters.HELP_VISITS):
            return country_name(key, language) if key else _("Online or unspecified")
        if metric == figures.EVENTS_BY_FORMAT:
            return str(labels["format"].get(key, key))
        if metric == figures.EVENTS_BY_AUDIENCE:
            return str(labels["audience"].get(key, key))
        if metric in PER_REGION:
            return str(labels["region"].get(key, key or _("No region (global team)")))
        if metric in (figures.SUBMISSIONS, figures.STORIES):
            return str(STATUS_LABELS.get(key, key))
        if slug == "downloads-language":
            return str(labels["language"].get(key, key))
        if slug == "downloads-pack":
            return (
                str(labels["pack"].get(int(key), _("A teacher's own selection")))
                if key != "0"
                else _("A teacher's own selection")
            )
        return key

    tables = []
    for slug, metric, title, column in TABLES:
        lookup = slug if metric == counters.PACK_DOWNLOADS else metric
        keys = {key for (name, key, _year) in values if name == lookup}
        table = Table(slug=slug, title=str(title), column=str(column))
        for key in keys:
            table.rows.append(
                Row(
                    label=label(slug, metric, key),
                    current=cell(values.get((lookup, key, year))),
                    previous=cell(values.get((lookup, key, year - 1))),
                )
            )
        table.rows.sort(key=lambda row: (-(row.current.value or 0), row.label))
        tables.append(table)
    return tables
