"""Calendar views: upcoming list, month grid, "on the day" and the per-country summary.

Each view runs a fixed number of queries whatever the number of events: one for the
events shown (paginated or bounded by dates), plus counts. Events carry their own time zone;
grids place an event on the local dates it covers where it happens. Dates are read from the
materialised occurrences (``EventOccurrence``, one row per time an event happens, and
``EventDay``, one row per local date an event covers, both written when it is saved),
so a recurring event appears on each of its dates at the same cost. The upcoming list, the
month grid and "on the day" count, order and page on those rows' indexes (they carry each
event's calendar and live flag: ``campaign.events.occurrences.listed_rows``) and read event
pages only for the events they show, so their time does not grow with the number of events
either (benchmarks/event_calendar.py).
"""

from __future__ import annotations

import calendar as pycalendar
import datetime
import zoneinfo
from collections import defaultdict

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _

from campaign.editions.models import Edition
from sid.absolute import absolute_url
from sitecontent.page_views import page_view

from .listing import calendar_filters, filtered_events, the_day
from .models import EventDay, EventOccurrence, EventPage
from .occurrences import day_events, listed_rows, month_days, occurring, range_events, upcoming_events

PER_PAGE = 25
#: Events listed in one day's cell of the month grid before "more".
CELL_LIMIT = 4


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


@page_view("events.upcoming")
def upcoming(calendar_page, request):
    form = calendar_filters(calendar_page, request)
    zone = zoneinfo.ZoneInfo(calendar_page.time_zone)
    scope = calendar_page.scope()
    now = timezone.now()
    if "date_from" in form.active():
        # From a chosen date (past events too, as the month grid's "more" links ask): the
        # events with an occurrence in the range, by their first one in it.
        rows = listed_rows(EventOccurrence, scope, filtered_events(form, zone, dates=False))
        listed = range_events(rows, *form.date_range(zone), now)
    else:
        listed = upcoming_events(listed_rows(EventOccurrence, scope, filtered_events(form, zone)), now)
    paginator = Paginator(listed, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    return calendar_page.render(
        request,
        context_overrides=_context(
            calendar_page, request, form, "upcoming", page_obj=page_obj, events=list(page_obj.object_list)
        ),
    )


@page_view("events.month")
def month(calendar_page, request, year=None, month=None):
    from django.http import Http404

    zone = zoneinfo.ZoneInfo(calendar_page.time_zone)
    today = timezone.now().astimezone(zone).date()
    form = calendar_filters(calendar_page, request)
    scope = calendar_page.scope()
    filtered = filtered_events(form, zone)
    if year is None:
        # "Month" opens on the next month with events (around the day: the edition's month),
        # not on an empty current month.
        next_start = (
            listed_rows(EventOccurrence, scope, filtered)
            .filter(end__gte=timezone.now())
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
    # One query on the local dates the events cover (EventDay rows, indexed by date): each
    # day's total and first CELL_LIMIT events, whatever the number of events; then those events.
    by_day, totals = defaultdict(list), {}
    for day, total, entries in month_days(listed_rows(EventDay, scope, filtered), first, last, CELL_LIMIT):
        by_day[day] = entries
        totals[day] = total
    shown_ids = {pk for entries in by_day.values() for pk, _cancelled in entries}
    shown = {event.pk: event for event in _listing_fields(EventPage.objects.filter(pk__in=shown_ids))}
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
                    "more": max(0, totals.get(day, 0) - CELL_LIMIT) if day.month == month else 0,
                    "count": totals.get(day, 0) if day.month == month else 0,
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
            month_event_count=len(totals),
        ),
    )


@page_view("events.on_the_day")
def on_the_day(calendar_page, request):
    """Events on the current edition's day, in each event's own local date, a page at a time."""
    # One small query for the editions: the day, and the years the edition filter offers.
    editions = sorted(Edition.objects.all(), key=lambda edition: edition.year, reverse=True)
    form = calendar_filters(calendar_page, request, years=[edition.year for edition in editions])
    edition, day = the_day(editions)
    filtered = filtered_events(form, zoneinfo.ZoneInfo(calendar_page.time_zone))
    # Earliest first: the day starts in the Pacific and travels west.
    paginator = Paginator(day_events(listed_rows(EventDay, calendar_page.scope(), filtered), day), PER_PAGE)
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


@page_view("events.countries")
def countries(calendar_page, request):
    """How many events each country has: upcoming ones, or an edition's (``?edition=``).

    The counts come from ``campaign.events.counts``, which the world map uses too."""
    from django_countries import countries as country_names

    from .counts import events_by_country

    form = calendar_filters(calendar_page, request)
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
