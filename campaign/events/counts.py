"""Events per country: the one count the calendar's "By country" view and the world map share.

Both pass a calendar's events narrowed by the same filters (``CalendarFilterForm``); cancelled
events are not counted. One grouped query, whatever the number of events.
"""

from __future__ import annotations

from django.db.models import Count

from .models import EventStatus


def events_by_country(events) -> list[dict]:
    """``[{"country": "BE", "total": 12}, ...]``, most events first; ``""`` is online or unspecified."""
    return list(
        events.exclude(status=EventStatus.CANCELLED)
        .order_by()
        .values("country")
        .annotate(total=Count("pk"))
        .order_by("-total", "country")
    )
