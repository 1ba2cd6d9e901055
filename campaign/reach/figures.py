"""Computing the dashboard's aggregates (run by the beat task, never by a request).

``refresh(day)`` recomputes the snapshot metrics of every edition and region (events by
country, format and audience; partner submissions and youth stories received, approved,
rejected or withdrawn, with the median hours to a decision) and moves the day's visit and
download counters into ``DailyFigure``. Its cost grows with the content; it runs in a
worker, once an hour, so the dashboard's own cost does not.
"""

from __future__ import annotations

import datetime
import statistics
from collections import Counter, defaultdict

from django.conf import settings
from django.db import transaction
from django_countries import countries

from campaign.editions.models import Edition
from campaign.events.counts import events_by_country
from campaign.events.models import EventPage, EventStatus, EventSubmission
from campaign.packs.models import CuratedPack
from campaign.stories.models import Submission
from sid import counters
from sitecontent.models import RegionPage
from sitecontent.routing import under_unpublished

from .models import DailyFigure

#: Snapshot metrics: recomputed whole, only the latest day is kept.
EVENTS_BY_COUNTRY = "events_by_country"
EVENTS_BY_FORMAT = "events_by_format"
EVENTS_BY_AUDIENCE = "events_by_audience"
COUNTRIES = "countries_taking_part"
SUBMISSIONS = "partner_submissions"
SUBMISSION_HOURS = "partner_submissions_median_hours"
STORIES = "stories"
STORY_HOURS = "stories_median_hours"
SNAPSHOT_METRICS = (
    EVENTS_BY_COUNTRY,
    EVENTS_BY_FORMAT,
    EVENTS_BY_AUDIENCE,
    COUNTRIES,
    SUBMISSIONS,
    SUBMISSION_HOURS,
    STORIES,
    STORY_HOURS,
)
COUNTER_METRICS = (counters.HELP_VISITS, counters.PACK_DOWNLOADS)


def _regions() -> dict[str, object]:
    return {region.short_code: region for region in RegionPage.objects.all()}


class _EditionOf:
    """The edition a day belongs to: the one visitors saw that day (``Edition.objects.current``),
    so a story sent in December counts for the coming February's edition."""

    def __init__(self):
        self.known: dict[datetime.date, int] = {}

    def __call__(self, moment) -> int:
        if moment is None:
            return 0
        day = moment.date() if isinstance(moment, datetime.datetime) else moment
        if day not in self.known:
            edition = Edition.objects.current(day)
            self.known[day] = edition.year if edition else 0
        return self.known[day]


def _median_hours(pairs) -> int | None:
    hours = [(decided - sent).total_seconds() / 3600 for sent, decided in pairs if sent and decided]
    return round(statistics.median(hours)) if hours else None


def snapshot() -> list[DailyFigure]:
    """Every snapshot figure as it stands now (unsaved rows, ``day`` unset)."""
    rows: list[DailyFigure] = []
    years = set(Edition.objects.values_list("year", flat=True))
    edition_of = _EditionOf()

    def add(year, region, metric, key, value):
        if value is not None:
            rows.append(DailyFigure(edition_year=year, region=region, metric=metric, key=key, value=value))

    live_events = EventPage.objects.live().public().exclude(under_unpublished())
    for code, region in _regions().items():
        events = live_events.descendant_of(region)
        for year in years:
            edition_events = events.filter(edition__year=year)
            by_country = events_by_country(edition_events)  # the calendar's own count
            for row in by_country:
                add(year, code, EVENTS_BY_COUNTRY, row["country"], row["total"])
            add(year, code, COUNTRIES, "", sum(1 for row in by_country if row["country"]))
            counted = edition_events.exclude(status=EventStatus.CANCELLED)
            formats = Counter(counted.values_list("format", flat=True))
            for key, value in formats.items():
                add(year, code, EVENTS_BY_FORMAT, key, value)
            audiences = Counter(a for listed in counted.values_list("audience", flat=True) for a in (listed or []))
            for key, value in audiences.items():
                add(year, code, EVENTS_BY_AUDIENCE, key, value)

    def statuses(queryset, metric, hours_metric, decided_statuses):
        by_key = defaultdict(Counter)
        timings = defaultdict(list)
        for region, status, created, decided in queryset.values_list(
            "region__short_code", "status", "created_at", "decided_at"
        ):
            year = edition_of(created)
            by_key[(year, region or "")]["received"] += 1
            by_key[(year, region or "")][status] += 1
            if status in decided_statuses:
                timings[(year, region or "")].append((created, decided))
        for (year, region), counts in by_key.items():
            for key, value in counts.items():
                add(year, region, metric, key, value)
            median = _median_hours(timings[(year, region)])
            # A median of fewer decisions than the threshold could describe one person.
            if median is not None and len(timings[(year, region)]) >= settings.SID_REACH_MIN_CELL:
                add(year, region, hours_metric, "", median)

    statuses(EventSubmission.objects.all(), SUBMISSIONS, SUBMISSION_HOURS, {"approved", "rejected"})
    statuses(Submission.objects.all(), STORIES, STORY_HOURS, {"published", "rejected"})
    return rows


def flush_counters(day: datetime.date) -> int:
    """Move ``day``'s visit and download counters into ``DailyFigure`` (adding up)."""
    year = _EditionOf()(day)
    moved = 0
    visits = counters.take(counters.HELP_VISITS, day, [code for code, _name in countries])
    pack_regions = dict(CuratedPack.objects.values_list("pk", "region__short_code"))
    languages = [code for code, _name in settings.LANGUAGES]
    keys = [counters.pack_key(pk, language) for pk in [0, *pack_regions] for language in languages]
    downloads = counters.take(counters.PACK_DOWNLOADS, day, keys)
    with transaction.atomic():
        for metric, taken in ((counters.HELP_VISITS, visits), (counters.PACK_DOWNLOADS, downloads)):
            for key, value in taken.items():
                region = ""
                if metric == counters.PACK_DOWNLOADS:
                    region = pack_regions.get(int(key.split(".")[0])) or ""
                figure, _created = DailyFigure.objects.select_for_update().get_or_create(
                    day=day, edition_year=year, region=region, metric=metric, key=key
                )
                DailyFigure.objects.filter(pk=figure.pk).update(value=figure.value + value)
                moved += value
    return moved


def refresh(day: datetime.date) -> int:
    """Recompute the snapshot and flush the counters of ``day`` and the day before."""
    rows = snapshot()
    with transaction.atomic():
        DailyFigure.objects.filter(metric__in=SNAPSHOT_METRICS).delete()
        for row in rows:
            row.day = day
        DailyFigure.objects.bulk_create(rows, batch_size=1000)
    return flush_counters(day - datetime.timedelta(days=1)) + flush_counters(day)
