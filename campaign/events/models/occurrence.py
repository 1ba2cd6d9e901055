"""EventOccurrence: each time an event happens, materialised when the event is saved.

A single event has one row; a recurring one a row per occurrence (bounded, see
campaign.events.recurrence). Calendar views, counts and feeds select events through these
rows with indexed date conditions, so a month view costs the same whatever the rules say.

EventDay: each local date an occurrence covers, in the event's own time zone (an evening
event in Tokyo is on the next day's date in UTC, a three-day conference covers three dates).
The month grid counts and picks each day's first events on these rows with one indexed,
grouped query, and "on the day" finds its events by date, without converting times per
request.

``write`` is the one way occurrences are stored: their rows and the local dates they cover
(EventDay rows), together.
"""

import datetime
import zoneinfo

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from ..recurrence import MAX_SPAN_DAYS


class EventOccurrence(models.Model):
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    #: The event's zone, copied so "on the day" can place rows on local dates in SQL.
    time_zone = models.CharField(max_length=64)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        indexes = [
            models.Index(fields=["start", "end"], name="events_occurrence_span"),
            models.Index(fields=["event", "start"], name="events_occurrence_event"),
            models.Index(fields=["end"], name="events_occurrence_end"),
        ]

    def __str__(self):
        return f"{self.event_id} @ {self.start.isoformat()}"


class EventDay(models.Model):
    """One local date covered by one occurrence (written with it, ``write``)."""

    occurrence = models.ForeignKey(EventOccurrence, on_delete=models.CASCADE, related_name="days")
    #: The occurrence's event, copied so a calendar's filters join the days directly.
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("date"))
    #: The occurrence's start, copied to order a day's events without a join.
    start = models.DateTimeField(_("starts"))
    cancelled = models.BooleanField(_("cancelled"), default=False)

    class Meta:
        verbose_name = _("day")
        indexes = [
            models.Index(fields=["day", "start"], name="events_day_start"),
            models.Index(fields=["event", "day"], name="events_day_event"),
        ]

    def __str__(self):
        return f"{self.event_id} on {self.day.isoformat()}"


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
