"""Calendar views: upcoming list, month grid, "on the day" and the per-country summary.

Each view runs a fixed number of queries whatever the number of events: one for the
events shown (paginated or bounded by dates), plus counts. Events carry their own time zone;
grids place an event on the local dates it covers where it happens. Dates are read from the
materialised occurrences (``EventOccurrence``, one row per time an event happens, written
when it is saved), so a recurring event appears on each of its dates at the same cost.
"""

from __future__ import annotations

import calendar as pycalendar
import datetime
import zoneinfo
from collections import defaultdict

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.editions.models import Edition
from sid.absolute import absolute_url

from .filters import CalendarFilterForm
from .models import EventOccurrence
from .occurrences import listed_upcoming, occurring

PER_PAGE = 25
#: Events listed in one day's cell of the month grid before "more".
CELL_LIMIT = 4
#: The widest UTC offsets (UTC−12 … UTC+14): bounds for "any event on this local date".
EARLIEST_OFFSET = datetime.timedelta(hours=14)
LATEST_OFFSET = datetime.timedelta(hours=12)


def _filters(calendar_page, request) -> CalendarFilterForm:
    region = calendar_page.region
    codes = list(region.countries) if region is not None and region.countries else None
    codes = [getattr(code, "code", code) for code in codes] if codes else None
    return CalendarFilterForm(request.GET or None, country_codes=codes)


def _listing_fields(events):
    # The rows a listing shows; streamfields and unrelated columns stay in the database.
    return events.defer_streamfields().order_by("start", "pk")


def _context(calendar_page, request, form, view_name, feed_route="feed", **extra):
    query = form.query_string()
    feed_path = calendar_page.reverse_subpage(feed_route)
    feed_url = calendar_page.get_url(request) + feed_path + (f"?{query}" if query else "")
    absolute_feed = absolute_url(feed_url)
    context = {
        "filters": form,
        "query_string": query,
        "view_name": view_name,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + absolute_feed.split("://", 1)[1],
        "zone_name": calendar_page.time_zone,
    }
    context.update(extra)
    return context


def upcoming(calendar_page, request):
    form = _filters(calendar_page, request)
    zone = zoneinfo.ZoneInfo(calendar_page.time_zone)
    events = form.apply(calendar_page.events(), zone)
    paginator = Paginator(listed_upcoming(events, form.active(), timezone.now()), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return calendar_page.render(
        request,
        context_overrides=_context(
            calendar_page, request, form, "upcoming", page_obj=page_obj, events=list(page_obj.object_list)
        ),
    )


def month(calendar_page, request, year=None, month=None):
    from django.http import Http404

    zone = zoneinfo.ZoneInfo(calendar_page.time_zone)
    today = timezone.now().astimezone(zone).date()
    form = _filters(calendar_page, request)
    if year is None:
        # "Month" opens on the next month with events (around the day: the edition's month),
        # not on an empty current month.
        next_start = (
            EventOccurrence.objects.filter(
                event__in=form.apply(calendar_page.events(), zone).values("pk"), end__gte=timezone.now()
            )
            .order_by("start")
            .values_list("start", flat=True)
            .first()
        )
        opening = max(today, next_start.astimezone(zone).date()) if next_start else today
        year, month = opening.year, opening.month
    year, month = int(year), int(month)
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    first = datetime.date(year, month, 1)
    days_in_month = pycalendar.monthrange(year, month)[1]
    last = first + datetime.timedelta(days=days_in_month - 1)
    # Any event touching one of these local dates, wherever it is on Earth.
    window_start = datetime.datetime.combine(first, datetime.time(), tzinfo=datetime.UTC) - EARLIEST_OFFSET
    window_end = (
        datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time(), tzinfo=datetime.UTC)
        + LATEST_OFFSET
    )
    events = form.apply(calendar_page.events(), zone)
    # Bucket light occurrence rows (no model instances) by local date, then load only the
    # events the grid shows: a busy month has thousands of occurrences but shows at most
    # CELL_LIMIT a day.
    by_day = defaultdict(list)
    zones = {}
    rows = (
        EventOccurrence.objects.filter(event__in=events.values("pk"), start__lt=window_end, end__gt=window_start)
        .order_by("start", "event_id")
        .values_list("event_id", "start", "end", "time_zone", "cancelled")
    )
    for pk, start, end, zone_name, cancelled in rows:
        event_zone = zones.get(zone_name) or zones.setdefault(zone_name, zoneinfo.ZoneInfo(zone_name))
        day = start.astimezone(event_zone).date()
        last_day = (end.astimezone(event_zone) - datetime.timedelta(microseconds=1)).date()
        day = max(day, first)
        while day <= min(last_day, last):
            by_day[day].append((pk, cancelled))
            day += datetime.timedelta(days=1)
    shown_ids = {pk for entries in by_day.values() for pk, _cancelled in entries[:CELL_LIMIT]}
    shown = {event.pk: event for event in _listing_fields(calendar_page.events().filter(pk__in=shown_ids))}
    weeks = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = []
        for day in week:
            day_events = by_day.get(day, []) if day.month == month else []
            cells.append(
                {
                    "date": day,
                    "in_month": day.month == month,
                    "is_today": day == today,
                    "events": [
                        {"event": shown[pk], "cancelled": cancelled or shown[pk].is_cancelled}
                        for pk, cancelled in day_events[:CELL_LIMIT]
                        if pk in shown
                    ],
                    "more": max(0, len(day_events) - CELL_LIMIT),
                    "count": len(day_events),
                }
            )
        weeks.append(cells)
    previous_month = first - datetime.timedelta(days=1)
    next_month = last + datetime.timedelta(days=1)
    weekday_names = [_(pycalendar.day_name[index]) for index in range(7)]
    return calendar_page.render(
        request,
        context_overrides=_context(
            calendar_page,
            request,
            form,
            "month",
            month_start=first,
            weeks=weeks,
            weekday_names=weekday_names,
            previous_month=previous_month,
            next_month=next_month,
            month_event_count=sum(1 for _day in by_day),
        ),
    )


def _on_local_day(events, day: datetime.date):
    """Narrow ``events`` to those touching ``day`` on their own local calendar, in SQL.

    An event's local date depends on its own time zone, so the day's UTC bounds differ per
    zone: one light query finds the zones present in the widest window (UTC−12 … UTC+14),
    then one condition per zone keeps exactly the events with an occurrence whose local span
    covers ``day``. The result is an ordinary queryset, so it paginates like the upcoming list.
    """
    window_start = datetime.datetime.combine(day, datetime.time(), tzinfo=datetime.UTC) - EARLIEST_OFFSET
    window_end = (
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), tzinfo=datetime.UTC)
        + LATEST_OFFSET
    )
    window = EventOccurrence.objects.filter(event__in=events.values("pk"), start__lt=window_end, end__gt=window_start)
    zone_names = window.order_by().values_list("time_zone", flat=True).distinct()
    on_day = Q(pk__in=[])
    for zone_name in zone_names:
        try:
            zone = zoneinfo.ZoneInfo(zone_name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            continue
        local_start = datetime.datetime.combine(day, datetime.time(), tzinfo=zone)
        local_end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(), tzinfo=zone)
        on_day |= Q(time_zone=zone_name, start__lt=local_end, end__gt=local_start)
    return events.filter(Exists(window.filter(on_day, event=OuterRef("pk"))))


def the_day() -> tuple[Edition | None, datetime.date]:
    """The current edition and its day (today when there is no edition)."""
    edition = Edition.objects.current()
    return edition, edition.date if edition else timezone.now().date()


def on_the_day(calendar_page, request):
    """Events on the current edition's day, in each event's own local date, a page at a time."""
    form = _filters(calendar_page, request)
    edition, day = the_day()
    events = form.apply(calendar_page.events(), zoneinfo.ZoneInfo(calendar_page.time_zone))
    # Earliest time zones first: the day starts in the Pacific and travels west.
    paginator = Paginator(_listing_fields(_on_local_day(events, day)), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return calendar_page.render(
        request,
        context_overrides=_context(
            calendar_page,
            request,
            form,
            "on_the_day",
            feed_route="on_the_day_feed",
            edition=edition,
            the_day=day,
            page_obj=page_obj,
            events=list(page_obj.object_list),
        ),
    )


def countries(calendar_page, request):
    """How many events each country has: upcoming ones, or an edition's (``?edition=``).

    The counts come from ``campaign.events.counts``, which the world map uses too."""
    from django_countries import countries as country_names

    from .counts import events_by_country

    form = _filters(calendar_page, request)
    zone = zoneinfo.ZoneInfo(calendar_page.time_zone)
    events = form.apply(calendar_page.events(), zone)
    if "edition" not in form.active():
        # Events with an occurrence still to come that is not cancelled (a weekly class counts once).
        events = occurring(events, ends_after=timezone.now(), cancelled=False)
    summary = [
        {"code": row["country"], "name": country_names.name(row["country"]) or _("Online or unspecified"), **row}
        for row in events_by_country(events)
    ]
    return calendar_page.render(
        request,
        context_overrides=_context(
            calendar_page, request, form, "countries", summary=summary, edition_year=form.active().get("edition")
        ),
    )
