"""An event's time as people read it: in the event's own time zone, the one way to print it.

Every page, list, email and admin panel that shows when an event happens goes through
:func:`local_when`. It formats the event's wall-clock reading *in the event's zone*, as plain
strings, so no template filter can convert it back to the current time zone (Django's
``|date`` and ``|time`` convert aware datetimes to the active zone before formatting, which
moved a 09:00 Tokyo assembly to midnight). The visitor's own time is added by
``events/js/local-time.js`` as a progressive enhancement, from the ISO instant.
"""

from __future__ import annotations

import dataclasses
import datetime
import zoneinfo

from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from .timing import utc_offset_label


@dataclasses.dataclass(frozen=True)
class LocalWhen:
    """Strings ready to print, in the active language, for one event in its own zone."""

    all_day: bool
    multi_day: bool
    zone: str
    #: The start instant in ISO 8601 with the event's offset (``<time datetime>``, local-time.js).
    start_iso: str
    #: First and last local dates touched, ISO (``YYYY-MM-DD``) and formatted.
    first_day_iso: str
    last_day_iso: str
    start_date: str
    end_date: str
    #: Formatted local times ("9 a.m.", "09:00"); empty for all-day events.
    start_time: str
    end_time: str
    start_offset: str
    end_offset: str

    @property
    def offsets(self) -> str:
        if self.end_offset != self.start_offset:
            return f"{self.start_offset} \u2192 {self.end_offset}"
        return self.start_offset

    @property
    def text(self) -> str:
        """One line of plain text, for emails and admin lists."""
        if self.all_day:
            days = self.start_date + (f" \u2013 {self.end_date}" if self.multi_day else "")
            return f"{days} ({_('all day')}, {self.zone})"
        end = f"{self.end_date}, {self.end_time}" if self.multi_day else self.end_time
        return f"{self.start_date}, {self.start_time} \u2013 {end} ({self.zone}, {self.offsets})"


def local_when(event) -> LocalWhen:
    """``event``'s start and end as printed in its own zone (anything with ``start``, ``end``,
    ``time_zone`` and ``all_day``: an EventPage, a revision's object)."""
    zone = zoneinfo.ZoneInfo(event.time_zone)
    start = event.start.astimezone(zone)
    end = event.end.astimezone(zone)
    first_day = start.date()
    last_day = (end - datetime.timedelta(microseconds=1)).date()  # all-day ends are exclusive
    # Naive wall-clock readings, formatted under the event's zone: nothing left to convert.
    with timezone.override(zone):
        wall_start, wall_end = start.replace(tzinfo=None), end.replace(tzinfo=None)
        return LocalWhen(
            all_day=bool(event.all_day),
            multi_day=last_day > first_day,
            zone=event.time_zone,
            start_iso=start.isoformat(),
            first_day_iso=first_day.isoformat(),
            last_day_iso=last_day.isoformat(),
            start_date=date_format(first_day, "DATE_FORMAT"),
            end_date=date_format(last_day if event.all_day else wall_end.date(), "DATE_FORMAT"),
            start_time="" if event.all_day else time_format(wall_start, "TIME_FORMAT"),
            end_time="" if event.all_day else time_format(wall_end, "TIME_FORMAT"),
            start_offset=utc_offset_label(start),
            end_offset=utc_offset_label(end),
        )
