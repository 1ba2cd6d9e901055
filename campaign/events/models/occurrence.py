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

Both kinds of row also carry what a calendar lists them by, copied from their event's page:
its calendar (the parent page) and whether it is live. A calendar's views then count, order
and page through these narrow rows on their own indexes (``campaign.events.listing``), and
read event pages only for the events they show: counting a month's 7,000 dates through each
event's page row cost tens of milliseconds at 20,000 events. ``write`` fills them; an
event's publication, unpublication or move refreshes them (``refresh_listing``, called from
``EventPage.save`` and the page signals in ``campaign.events.signals``).
"""

import datetime
import zoneinfo

from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ..recurrence import MAX_SPAN_DAYS


class EventOccurrence(models.Model):
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="occurrences")
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    #: The event's zone, copied so "on the day" can place rows on local dates in SQL.
    time_zone = models.CharField(max_length=64)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    #: The event's parent page (its calendar) and whether the event is live, copied. The rows
    #: go with their event (``event`` cascades), so no constraint nor lookup on page deletion.
    calendar = models.ForeignKey(
        Page, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    live = models.BooleanField(default=False)
    #: The event's last occurrence (the latest end): an event is upcoming while it has not ended,
    #: so counting these rows counts events, not occurrences.
    last = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        indexes = [
            # Listing order (upcoming list, feeds) read from the index alone.
            models.Index(fields=["start", "end", "event", "calendar", "live"], name="events_occurrence_span"),
            models.Index(fields=["event", "start"], name="events_occurrence_event"),
            # Counting upcoming events: their last occurrences still to end (only those rows).
            models.Index(
                fields=["end", "calendar", "live", "event"], condition=Q(last=True), name="events_occurrence_last"
            ),
        ]

    def __str__(self):
        return f"{self.event_id} @ {self.start.isoformat()}"


class EventDay(models.Model):
    """One local date an event covers, from its earliest occurrence covering it (written with
    the occurrences, ``write``): an event is once on each of its dates."""

    occurrence = models.ForeignKey(EventOccurrence, on_delete=models.CASCADE, related_name="days")
    #: The occurrence's event, copied so a calendar's filters join the days directly.
    event = models.ForeignKey("events.EventPage", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("date"))
    #: The occurrence's start, copied to order a day's events without a join.
    start = models.DateTimeField(_("starts"))
    #: Cancelled when every occurrence covering the date is.
    cancelled = models.BooleanField(_("cancelled"), default=False)
    #: As on EventOccurrence: the event's calendar and whether it is live, copied.
    calendar = models.ForeignKey(
        Page, null=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", db_index=False
    )
    live = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("day")
        indexes = [
            # A date's events in order, counted and paged from the index alone.
            models.Index(fields=["day", "start", "event", "calendar", "live", "cancelled"], name="events_day_start"),
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


def listing_state(event_ids) -> dict[int, tuple[int | None, bool]]:
    """{event id: (its parent page's id, live)} read from the pages (two queries a batch)."""
    state: dict[int, tuple[int | None, bool]] = {}
    event_ids = list(event_ids)
    for offset in range(0, len(event_ids), 2000):
        pages = list(Page.objects.filter(pk__in=event_ids[offset : offset + 2000]).values_list("pk", "path", "live"))
        parents = dict(
            Page.objects.filter(path__in={path[: -Page.steplen] for _pk, path, _live in pages}).values_list(
                "path", "pk"
            )
        )
        state.update({pk: (parents.get(path[: -Page.steplen]), live) for pk, path, live in pages})
    return state


def refresh_listing(event_ids) -> None:
    """Copy the events' calendar and live flag onto their rows again (after a publication,
    an unpublication or a move, which change them without re-expanding the occurrences)."""
    for event_id, (calendar_id, live) in listing_state(event_ids).items():
        for model in (EventOccurrence, EventDay):
            model.objects.filter(event_id=event_id).exclude(calendar_id=calendar_id, live=live).update(
                calendar_id=calendar_id, live=live
            )


@transaction.atomic
def write(rows, listing: dict | None = None) -> None:
    """Store occurrences: ``rows`` are (event_id, start, end, time_zone, cancelled) tuples,
    every occurrence of each event named.

    Their EventOccurrence rows, then one EventDay row per local date each event covers (in
    bulk), with each event's calendar and live flag: ``listing`` ({event id: (calendar id,
    live)}) when the caller knows them, else read from the pages."""
    rows = list(rows)
    if listing is None:
        listing = listing_state({row[0] for row in rows})
    last_end: dict[int, datetime.datetime] = {}
    for event_id, _start, end, _zone, _cancelled in rows:
        if event_id not in last_end or end > last_end[event_id]:
            last_end[event_id] = end
    occurrences = []
    for event_id, start, end, zone_name, cancelled in rows:
        calendar_id, live = listing.get(event_id, (None, False))
        is_last = last_end.get(event_id) == end
        if is_last:
            last_end[event_id] = None  # one last row per event
        occurrences.append(
            EventOccurrence(
                event_id=event_id,
                start=start,
                end=end,
                time_zone=zone_name,
                cancelled=cancelled,
                calendar_id=calendar_id,
                live=live,
                last=is_last,
            )
        )
    occurrences = EventOccurrence.objects.bulk_create(occurrences, batch_size=2000)
    zones: dict[str, zoneinfo.ZoneInfo] = {}
    days: dict[tuple[int, datetime.date], EventDay] = {}
    for _start, _position, occurrence in sorted((row.start, n, row) for n, row in enumerate(occurrences)):
        zone = zones.get(occurrence.time_zone) or zones.setdefault(
            occurrence.time_zone, zoneinfo.ZoneInfo(occurrence.time_zone)
        )
        for day in local_days(occurrence.start, occurrence.end, zone):
            known = days.get((occurrence.event_id, day))
            if known is not None:
                # Two occurrences on one date (a three-day event repeating on Mondays and
                # Tuesdays): the earlier one stands for it, cancelled only if both are.
                known.cancelled = known.cancelled and occurrence.cancelled
                continue
            days[(occurrence.event_id, day)] = EventDay(
                occurrence=occurrence,
                event_id=occurrence.event_id,
                day=day,
                start=occurrence.start,
                cancelled=occurrence.cancelled,
                calendar_id=occurrence.calendar_id,
                live=occurrence.live,
            )
    EventDay.objects.bulk_create(days.values(), batch_size=2000)
