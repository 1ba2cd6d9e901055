"""Local wall-clock times to aware datetimes, in an event's own IANA time zone.

Clock changes make some local times impossible (the spring gap) or ambiguous (the autumn
fold). Impossible times are refused with a clear message; ambiguous ones take the first
occurrence (fold=0), which is what people mean by "01:30" on the night clocks go back.
"""

from __future__ import annotations

import datetime
import functools
import importlib.resources
import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

UTC = datetime.UTC
#: Years a date may be in. Far dates (year 1, 9999) overflow once moved to UTC or a day later.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def validate_year_range(value) -> None:
    """A date or datetime between FIRST_YEAR and LAST_YEAR, or a clear, translated error."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("Choose a date between %(first)s and %(last)s."),
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
            code="year_range",
        )


@functools.cache
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    """{ISO country code: its IANA zones, in the tz database's order} from ``zone.tab`` of the
    tzdata package (the IANA database Python's zoneinfo uses; one line per zone and country)."""
    table = importlib.resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    known = zoneinfo.available_timezones()
    found: dict[str, list[str]] = {}
    for line in table.splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) >= 3 and parts[2] in known:
            found.setdefault(parts[0].upper(), []).append(parts[2])
    return {code: tuple(zones) for code, zones in found.items()}


def country_time_zones(country_code: str | None) -> tuple[str, ...]:
    """The time zones of a country ("EG" → ("Africa/Cairo",); "MX" → eleven), or ()."""
    return _zones_by_country().get(str(country_code or "").upper(), ())


def get_zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, TypeError) as error:
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": name}) from error


def make_aware(naive: datetime.datetime, zone_name: str) -> datetime.datetime:
    """Attach ``zone_name`` to a naive local time; refuse times skipped by a clock change."""
    zone = get_zone(zone_name)
    naive = naive.replace(tzinfo=None)
    aware = naive.replace(tzinfo=zone, fold=0)
    if aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s: the clocks change that night. Choose another time."),
            params={"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": zone_name},
            code="nonexistent",
        )
    return aware


def all_day_bounds(first: datetime.date, last: datetime.date, zone_name: str):
    """Aware start (local midnight of ``first``) and exclusive end (local midnight after ``last``)."""
    zone = get_zone(zone_name)
    start = datetime.datetime.combine(first, datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), tzinfo=zone)
    return start, end


def utc_offset_label(moment: datetime.datetime) -> str:
    """``UTC+05:30`` / ``UTC−03:00`` / ``UTC``: the offset in force at ``moment``."""
    offset = moment.utcoffset() or datetime.timedelta()
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "\u2212"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"
