"""Selecting events by their occurrences (EventOccurrence rows): one indexed subquery each.

``write`` is the one way occurrences are stored: their rows and the local dates they cover
(EventDay rows), together.
"""

from __future__ import annotations

import datetime
import zoneinfo

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery

from .models import EventDay, EventOccurrence
from .recurrence import MAX_SPAN_DAYS


def local_days(start: datetime.datetime, end: datetime.datetime, zone) -> list[datetime.date]:
    """The local dates ``start``–``end`` covers in ``zone`` (an end at midnight is exclusive).

    At most ``MAX_SPAN_DAYS``: an occurrence running longer is shown on its first dates only,
    as repeating events are expanded that far only (campaign.events.recurrence)."""
    first = start.astimezone(zone).date()
    last = (end.astimezone(zone) - datetime.timedelta(microseconds=1)).date()
    count = min(max((last - first).days + 1, 1), MAX_SPAN_DAYS)
    return [first + datetime.timedelta(days=offset) for offset in range(count)]


@transaction.atomic
def write(rows) -> None:
    """Store occurrences: ``rows`` are (event_id, start, end, time_zone, cancelled) tuples.

    Their EventOccurrence rows, then one EventDay row per local date each covers (in bulk)."""
    occurrences = EventOccurrence.objects.bulk_create(
        [
            EventOccurrence(event_id=event_id, start=start, end=end, time_zone=zone_name, cancelled=cancelled)
            for event_id, start, end, zone_name, cancelled in rows
        ],
        batch_size=2000,
    )
    zones: dict[str, zoneinfo.ZoneInfo] = {}
    days = []
    for occurrence in occurrences:
        zone = zones.get(occurrence.time_zone) or zones.setdefault(
            occurrence.time_zone, zoneinfo.ZoneInfo(occurrence.time_zone)
        )
        days += [
            EventDay(
                occurrence=occurrence,
                event_id=occurrence.event_id,
                day=day,
                start=occurrence.start,
                cancelled=occurrence.cancelled,
            )
            for day in local_days(occurrence.start, occurrence.end, zone)
        ]
    EventDay.objects.bulk_create(days, batch_size=2000)


def occurring(events, *, ends_after=None, starts_before=None, cancelled=None):
    """``events`` that have an occurrence ending after / starting before the given instants."""
    rows = EventOccurrence.objects.filter(event=OuterRef("pk"))
    if ends_after is not None:
        rows = rows.filter(end__gt=ends_after)
    if starts_before is not None:
        rows = rows.filter(start__lt=starts_before)
    if cancelled is not None:
        rows = rows.filter(cancelled=cancelled)
    return events.filter(Exists(rows))


def upcoming_first(events, now):
    """Listing order by each event's next occurrence (a weekly class is listed at its next date)."""
    following = EventOccurrence.objects.filter(event=OuterRef("pk"), end__gte=now).order_by("start")
    return (
        events.defer_streamfields()
        .annotate(next_start=Subquery(following.values("start")[:1]), next_end=Subquery(following.values("end")[:1]))
        .order_by("next_start", "pk")
    )


def listed_upcoming(events, active_filters, now):
    """The calendar's upcoming list, as its page, the read API and the embeds show it: events
    with an occurrence still to come (unless a start date is chosen), by their next occurrence."""
    if "date_from" not in active_filters:
        events = occurring(events, ends_after=now)
    return upcoming_first(events, now)
