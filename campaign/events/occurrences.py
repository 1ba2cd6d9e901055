"""Selecting events by their occurrences (EventOccurrence rows): one indexed subquery each.

They are stored by ``campaign.events.models.occurrence.write`` (EventPage.save() calls it).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Subquery

from .models import EventOccurrence


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
