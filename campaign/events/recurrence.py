"""Recurring events: one rule (python-dateutil's rrule), expanded in the event's own zone.

An event that repeats keeps its first occurrence in ``start``/``end`` and says how it repeats
in a few plain fields a person can edit (``repeat``: weekly on some weekdays, or monthly on
the nth weekday of the first date; every ``repeat_interval`` weeks/months; until a local
date or a number of times), plus two lists of local dates: ``skipped_dates`` (no occurrence
that day: EXDATE) and ``cancelled_dates`` (the occurrence happens not, and is shown as
cancelled: an overriding VEVENT with STATUS:CANCELLED in feeds).

Occurrences repeat the *wall-clock* time in the event's zone (RFC 5545 with a TZID): a
Tuesday 18:00 Brussels class stays at 18:00 when Europe changes its clocks, so its UTC time
moves by an hour. dateutil builds each occurrence with the zone attached, which is exactly that.

Expansion is bounded (``MAX_OCCURRENCES``, ``MAX_SPAN_DAYS``) and done once on save into
``EventOccurrence`` rows, so calendar views query rows, never expand rules per request.
"""

from __future__ import annotations

import datetime
import zoneinfo

from dateutil import rrule
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

#: The most occurrences one event may have, and how far after its first one they may go.
MAX_OCCURRENCES = 260
MAX_SPAN_DAYS = 3 * 366


class Repeat(models.TextChoices):
    NEVER = "", _("Does not repeat")
    WEEKLY = "weekly", _("Weekly, on the chosen weekdays")
    MONTHLY = "monthly", _("Monthly, on the same weekday of the month as the first date")


class Weekday(models.TextChoices):
    MO = "MO", _("Monday")
    TU = "TU", _("Tuesday")
    WE = "WE", _("Wednesday")
    TH = "TH", _("Thursday")
    FR = "FR", _("Friday")
    SA = "SA", _("Saturday")
    SU = "SU", _("Sunday")


WEEKDAY_CODES = [code for code, _label in Weekday.choices]
DATEUTIL_WEEKDAYS = dict(zip(WEEKDAY_CODES, rrule.weekdays, strict=True))


def nth_weekday(day: datetime.date) -> int:
    """Which of its month's weekdays ``day`` is: 1…4, or -1 for the last (a 5th is always last)."""
    nth = (day.day - 1) // 7 + 1
    return -1 if nth == 5 else nth


def _local_start(event) -> datetime.datetime:
    return event.start.astimezone(zoneinfo.ZoneInfo(event.time_zone))


def until_instant(event) -> datetime.datetime | None:
    """The end of the local ``repeat_until`` day, in UTC (RFC 5545: UNTIL in UTC with a TZID)."""
    if not event.repeat_until:
        return None
    zone = zoneinfo.ZoneInfo(event.time_zone)
    local = datetime.datetime.combine(event.repeat_until, datetime.time(23, 59, 59), tzinfo=zone)
    return local.astimezone(datetime.UTC)


def rule_parts(event) -> dict:
    """The RRULE as ordered parts (``FREQ``, ``INTERVAL``, ``BYDAY``, ``UNTIL`` | ``COUNT``)."""
    if not event.repeat:
        return {}
    local = _local_start(event)
    parts = {"FREQ": "WEEKLY" if event.repeat == Repeat.WEEKLY else "MONTHLY"}
    if (event.repeat_interval or 1) > 1:
        parts["INTERVAL"] = str(event.repeat_interval)
    if event.repeat == Repeat.WEEKLY:
        days = [code for code in WEEKDAY_CODES if code in (event.repeat_weekdays or [])]
        parts["BYDAY"] = ",".join(days or [WEEKDAY_CODES[local.weekday()]])
    else:
        parts["BYDAY"] = f"{nth_weekday(local.date())}{WEEKDAY_CODES[local.weekday()]}"
    until = until_instant(event)
    if until is not None:
        parts["UNTIL"] = until.strftime("%Y%m%dT%H%M%SZ")
    else:
        parts["COUNT"] = str(min(event.repeat_count or 1, MAX_OCCURRENCES))
    return parts


def rule_text(event) -> str:
    """``FREQ=WEEKLY;BYDAY=TU;COUNT=10``: what the feed's RRULE says ("" if it does not repeat)."""
    return ";".join(f"{key}={value}" for key, value in rule_parts(event).items())


def _rule(event):
    local = _local_start(event)
    parts = rule_parts(event)
    kwargs = {"dtstart": local, "interval": event.repeat_interval or 1, "cache": False}
    if event.repeat == Repeat.WEEKLY:
        kwargs["byweekday"] = [DATEUTIL_WEEKDAYS[code] for code in parts["BYDAY"].split(",")]
        freq = rrule.WEEKLY
    else:
        kwargs["byweekday"] = DATEUTIL_WEEKDAYS[WEEKDAY_CODES[local.weekday()]](nth_weekday(local.date()))
        freq = rrule.MONTHLY
    if "UNTIL" in parts:
        kwargs["until"] = until_instant(event)
    else:
        kwargs["count"] = int(parts["COUNT"])
    return rrule.rrule(freq, **kwargs)


def local_starts(event) -> list[datetime.datetime]:
    """Every occurrence's start in the event's zone, skipped dates left out, bounded."""
    local = _local_start(event)
    if not event.repeat:
        return [local]
    skipped = set(event.skipped_dates or [])
    limit = local + datetime.timedelta(days=MAX_SPAN_DAYS)
    starts = []
    for moment in _rule(event):
        if moment > limit or len(starts) >= MAX_OCCURRENCES:
            break
        # dateutil attached the zone to the wall-clock reading; normalise the offset (DST).
        moment = moment.astimezone(datetime.UTC).astimezone(local.tzinfo)
        if moment.date().isoformat() in skipped:
            continue
        starts.append(moment)
    return starts or [local]


def occurrences(event) -> list[tuple[datetime.datetime, datetime.datetime, bool]]:
    """(start, end, cancelled) of every occurrence, aware, in the event's zone."""
    zone = zoneinfo.ZoneInfo(event.time_zone)
    local_start = _local_start(event)
    local_end = event.end.astimezone(zone)
    cancelled = set(event.cancelled_dates or [])
    rows = []
    for start in local_starts(event):
        if event.all_day:
            days = (local_end.date() - local_start.date()).days
            end = datetime.datetime.combine(start.date() + datetime.timedelta(days=days), datetime.time(), tzinfo=zone)
        else:
            # The same wall-clock length, so a 18:00–19:30 class stays 18:00–19:30 after a clock change.
            wall_end = start.replace(tzinfo=None) + (local_end.replace(tzinfo=None) - local_start.replace(tzinfo=None))
            end = wall_end.replace(tzinfo=zone, fold=0)
        rows.append((start, end, start.date().isoformat() in cancelled))
    return rows


def describe(event) -> str:
    """ "Every Tuesday, until 30 June 2027" in the active language (empty if it does not repeat)."""
    if not event.repeat:
        return ""
    local = _local_start(event)
    interval = event.repeat_interval or 1
    labels = dict(Weekday.choices)
    if event.repeat == Repeat.WEEKLY:
        days = rule_parts(event)["BYDAY"].split(",")
        names = ", ".join(str(labels[code]) for code in days)
        text = ngettext("Every week on %(days)s", "Every %(n)s weeks on %(days)s", interval) % {
            "n": interval,
            "days": names,
        }
    else:
        nth = nth_weekday(local.date())
        ordinal = {
            1: pgettext("the nth weekday of a month", "first"),
            2: pgettext("the nth weekday of a month", "second"),
            3: pgettext("the nth weekday of a month", "third"),
            4: pgettext("the nth weekday of a month", "fourth"),
            -1: pgettext("the nth weekday of a month", "last"),
        }[nth]
        text = ngettext("Every month on the %(nth)s %(day)s", "Every %(n)s months on the %(nth)s %(day)s", interval) % {
            "n": interval,
            "nth": ordinal,
            "day": labels[WEEKDAY_CODES[local.weekday()]],
        }
    if event.repeat_until:
        text += ", " + gettext("until %(date)s") % {"date": date_format(event.repeat_until, "DATE_FORMAT")}
    elif event.repeat_count:
        text += ", " + ngettext("%(n)s time", "%(n)s times", event.repeat_count) % {"n": event.repeat_count}
    return text
