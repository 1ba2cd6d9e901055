"""Selecting events by their occurrences (EventOccurrence rows) and the dates they cover
(EventDay rows).

They are stored by ``campaign.events.models.occurrence.write`` (EventPage.save() calls it).

A calendar's own views (upcoming list, month grid, "on the day", feeds) count, order and page
through the rows of the events it lists (``listed_rows``: the rows carry each event's calendar
and live flag), on the rows' indexes, and read event pages only for the events they show. So
their cost does not grow with the number of events: counting 7,000 dates of a month, or
ordering 15,000 upcoming events, through each event's page row cost tens of milliseconds at
20,000 events. ``occurring`` and ``listed_upcoming`` select from any queryset of events (the
read API, the embeds, date filters).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, ExpressionWrapper, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from wagtail.models import PageViewRestriction

from .models import EventDay, EventOccurrence, EventPage


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


# -- a calendar's own views: through the rows --------------------------------------------------


def listed_rows(model, scope, filtered=None):
    """The rows (``EventOccurrence`` or ``EventDay``) of the events a calendar lists.

    ``scope``: its ``EventCalendarPage.scope()``: live events of the calendars it lists, less
    the events that have a view restriction of their own (a handful: the rows of private
    calendars are not listed at all). ``filtered``: the events the calendar's filters keep
    (``CalendarFilterForm.apply`` on all events), or None when none is chosen.
    """
    rows = model.objects.filter(live=True, calendar_id__in=scope.calendar_ids).exclude(
        event_id__in=PageViewRestriction.objects.values("page_id")
    )
    if filtered is not None:
        rows = rows.filter(Exists(filtered.filter(pk=OuterRef("event_id"))))
    return rows


class _Rows:
    """What ``Paginator`` pages through: counted on the rows, each page's events read by key."""

    def __init__(self, counted, ordered, events):
        self._counted, self._ordered, self._events = counted, ordered, events

    def count(self) -> int:
        return self._counted.count()

    def __getitem__(self, window):
        if not isinstance(window, slice):
            raise TypeError("pages are read as slices")
        return list(self._events(self._ordered.values("event_id")[window]))


def next_occurrences(rows, after, before=None):
    """Of ``rows`` (``listed_rows(EventOccurrence, …)``), each event's first occurrence ending
    after ``after`` (and starting before ``before``), in order of start (then event): one row
    per event, read in index order."""
    kept = EventOccurrence.objects.filter(event=OuterRef("event_id"), end__gt=after)
    rows = rows.filter(end__gt=after)
    if before is not None:
        kept, rows = kept.filter(start__lt=before), rows.filter(start__lt=before)
    earlier = kept.filter(Q(start__lt=OuterRef("start")) | Q(start=OuterRef("start"), pk__lt=OuterRef("pk")))
    return rows.filter(~Exists(earlier)).order_by("start", "event_id")


def upcoming_events(rows, now):
    """The upcoming list (``rows``: ``listed_rows(EventOccurrence, …)``): events with an
    occurrence still to end, by their next occurrence (then by key), as ``listed_upcoming``
    selects and orders them, for ``Paginator``.

    Each event is counted by its last occurrence (``EventOccurrence.last``) and placed by its
    next one; both read on the occurrences' indexes.
    """
    return _Rows(
        rows.filter(end__gt=now, last=True),
        next_occurrences(rows, now),
        lambda ids: upcoming_first(EventPage.objects.filter(pk__in=ids), now),
    )


def range_events(rows, after, before, now):
    """Events with an occurrence between ``after`` and ``before`` (None: no end), by their
    first occurrence in that range (then by key), for ``Paginator``; each still annotated
    with its next occurrence (``upcoming_first``), which the list shows for repeating events.

    Read on the occurrences' start index up to ``before``: a date range costs what the
    occurrences before its end cost to skip in the index, not a look at every event."""
    firsts = next_occurrences(rows, after, before)
    counted = rows.filter(end__gt=after) if before is None else rows.filter(end__gt=after, start__lt=before)
    in_range = EventOccurrence.objects.filter(event=OuterRef("pk"), end__gt=after)
    if before is not None:
        in_range = in_range.filter(start__lt=before)
    first_start = in_range.order_by("start", "pk").values("start")[:1]

    def events(ids):
        chosen = upcoming_first(EventPage.objects.filter(pk__in=ids), now)
        return chosen.annotate(range_start=Subquery(first_start)).order_by("range_start", "pk")

    # Counted as distinct events on the index (not by looking for an earlier occurrence of each).
    return _Rows(counted.values("event_id").distinct(), firsts, events)


def day_events(rows, day: datetime.date):
    """Events on ``day`` in their own local dates (``rows``: ``listed_rows(EventDay, …)``), by
    that day's start (the day begins in the Pacific and travels west), for ``Paginator``."""
    on_day = rows.filter(day=day).order_by("start", "event_id")

    def events(ids):
        start = EventDay.objects.filter(event=OuterRef("pk"), day=day).order_by("start").values("start")[:1]
        return (
            EventPage.objects.filter(pk__in=ids)
            .defer_streamfields()
            .annotate(day_start=Subquery(start))
            .order_by("day_start", "pk")
        )

    return _Rows(on_day, on_day, events)


class _OnGroup(Subquery):
    """A subquery that reads only the grouping column of the query around it (``OuterRef`` to
    it): run once per group. Django would add it to the GROUP BY, running it for every row."""

    def get_group_by_cols(self):
        return []


def month_days(rows, first: datetime.date, last: datetime.date, shown: int):
    """Per date between ``first`` and ``last`` that has events (``rows``: ``listed_rows(EventDay,
    …)``): ``(date, total, [(event id, cancelled), …])``, its first ``shown`` events by start.

    One query on the dates' index: the month's rows grouped by date and counted, and for each
    date its first events by subqueries that read that date's rows and stop after ``shown``
    (each gives its row's event id and cancelled flag as one number, id × 2 + cancelled).
    """
    ranked = (
        rows.filter(day=OuterRef("day"))
        .order_by("start", "event_id")
        .annotate(slot=ExpressionWrapper(F("event_id") * 2 + Cast("cancelled", IntegerField()), IntegerField()))
    )
    slots = {f"slot{index}": _OnGroup(ranked.values("slot")[index : index + 1]) for index in range(shown)}
    dates = (
        rows.filter(day__gte=first, day__lte=last)
        .order_by()
        .values("day")
        .annotate(total=Count("pk"), **slots)
        .order_by("day")
    )
    for row in dates:
        numbers = [row[f"slot{index}"] for index in range(shown)]
        yield row["day"], row["total"], [(number // 2, bool(number % 2)) for number in numbers if number is not None]
