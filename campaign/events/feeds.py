"""iCalendar (RFC 5545) for one event or a whole (filtered) calendar, with the icalendar library.

* UID: the event's own UUID, stable across edits, moves and languages.
* SEQUENCE: bumped when a published change touches what calendars show (EventPage.record_publication).
* VTIMEZONE: one per time zone used, generated from zoneinfo by icalendar
  (``Calendar.add_missing_timezones``), bounded to the events' years to keep feeds small.
* Cancelled events stay in the feed with STATUS:CANCELLED so subscribed copies update.
* Recurring events: RRULE (UNTIL in UTC), EXDATE for skipped dates, both in the event's TZID
  so clients expand wall-clock times across clock changes; a cancelled occurrence is an
  overriding VEVENT (same UID, RECURRENCE-ID) with STATUS:CANCELLED.
* All-day events are DATE values (DTEND exclusive); texts are in the URL's language.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import zoneinfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_countries import countries
from icalendar import Calendar, Event, Timezone, vRecur

from sid.absolute import absolute_url
from sitecontent.page_views import page_view

from .listing import calendar_filters, filtered_events, the_day
from .models import EventFormat, EventStatus
from .recurrence import occurrences as occurrences_of
from .recurrence import rule_text

PRODID = "-//Safer Internet Day//Event calendar//EN"
STATUS_MAP = {
    EventStatus.SCHEDULED: "CONFIRMED",
    EventStatus.POSTPONED: "TENTATIVE",
    EventStatus.CANCELLED: "CANCELLED",
}


def uid_for(event) -> str:
    return f"{event.uid}@saferinternetday.events"


def _location(event) -> str:
    parts = []
    if event.format in (EventFormat.ONLINE, EventFormat.HYBRID):
        parts.append(_("Online"))
    parts += [event.venue, " ".join(event.address.split()) if event.address else ""]
    if event.country:
        parts.append(str(countries.name(event.country)))
    return ", ".join(part for part in parts if part)


def event_component(event, request) -> Event:
    component = Event()
    component.add("uid", uid_for(event))
    component.add("sequence", event.sequence)
    stamp = event.last_published_at or event.latest_revision_created_at or timezone.now()
    component.add("dtstamp", stamp.astimezone(datetime.UTC))
    component.add("last-modified", stamp.astimezone(datetime.UTC))
    summary = event.title
    if event.status == EventStatus.POSTPONED:
        summary = _("Postponed: %(title)s") % {"title": summary}
    component.add("summary", summary)
    if event.all_day:
        component.add("dtstart", event.first_day)
        component.add("dtend", event.last_day + datetime.timedelta(days=1))
    else:
        zone = zoneinfo.ZoneInfo(event.time_zone)
        component.add("dtstart", event.start.astimezone(zone))
        component.add("dtend", event.end.astimezone(zone))
    url = absolute_url(event.get_url(request))
    description = event.description or ""
    if event.organiser:
        description = f"{description}\n\n{_('Organiser')}: {event.organiser}".strip()
    if event.registration_url:
        description = f"{description}\n{_('Registration')}: {event.registration_url}".strip()
    component.add("description", f"{description}\n\n{url}".strip())
    component.add("url", url)
    location = _location(event)
    if location:
        component.add("location", location)
    component.add("status", STATUS_MAP.get(event.status, "CONFIRMED"))
    component.add("transp", "TRANSPARENT" if event.all_day else "OPAQUE")
    rule = rule_text(event) if event.repeat else ""
    if rule:
        component.add("rrule", vRecur.from_ical(rule))
        if event.skipped_dates:
            component.add("exdate", [_instance_start(event, day) for day in event.skipped_dates])
    return component


def _instance_start(event, day: str):
    """The recurrence instance of ``event`` on local date ``day`` (what RECURRENCE-ID/EXDATE name)."""
    date = datetime.date.fromisoformat(day)
    if event.all_day:
        return date
    zone = zoneinfo.ZoneInfo(event.time_zone)
    wall = datetime.datetime.combine(date, event.start.astimezone(zone).time().replace(tzinfo=None))
    return wall.replace(tzinfo=zone)


def event_components(event, request) -> list[Event]:
    """The event's VEVENT, then one cancelled override per cancelled occurrence."""
    main = event_component(event, request)
    components = [main]
    if not event.repeat or not event.cancelled_dates:
        return components
    occurrences = {start.date().isoformat(): (start, end) for start, end, _cancelled in occurrences_of(event)}
    for day in event.cancelled_dates:
        if day not in occurrences:
            continue
        start, end = occurrences[day]
        override = Event()
        for name in ("uid", "sequence", "dtstamp", "last-modified", "url", "location", "description"):
            if name in main:
                override[name] = main[name]
        override.add("recurrence-id", _instance_start(event, day))
        override.add("summary", _("Cancelled: %(title)s") % {"title": event.title})
        if event.all_day:
            override.add("dtstart", start.date())
            override.add("dtend", end.date())
        else:
            override.add("dtstart", start)
            override.add("dtend", end)
        override.add("status", "CANCELLED")
        components.append(override)
    return components


def build_calendar(events, request, name: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
    hours = settings.EVENTS_FEED_REFRESH_HOURS
    cal.add("refresh-interval", datetime.timedelta(hours=hours), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", f"PT{hours}H")
    years = []
    for event in events:
        for component in event_components(event, request):
            cal.add_component(component)
        years.append(event.start.year)
    if years:
        # VTIMEZONE rules only for the years the feed spans: smaller feeds, same correctness.
        for position, tzid in enumerate(sorted(cal.get_missing_tzids())):
            component = vtimezone(tzid, min(years) - 1, max(years) + 1)
            if component is not None:
                cal.subcomponents.insert(position, component)
        cal.add_missing_timezones()  # anything left (none expected)
    return cal.to_ical()


@functools.lru_cache(maxsize=512)
def vtimezone(tzid: str, first_year: int, last_year: int):
    """The VTIMEZONE of ``tzid`` for those years, generated from zoneinfo once per process.

    Generating one takes tens of milliseconds; a feed with a dozen zones paid that on every
    request. The component is only serialised, never changed, so sharing it is safe.
    """
    try:
        return Timezone.from_tzid(
            tzid, first_date=datetime.date(first_year, 1, 1), last_date=datetime.date(last_year, 12, 31)
        )
    except ValueError:
        return None


def feed_events(calendar_page, request, day: datetime.date | None = None):
    """The events of a calendar feed: the filters of the URL, from a month ago onwards, capped.

    At most ``EVENTS_FEED_MAX_EVENTS``: those whose next occurrence ending after
    ``EVENTS_FEED_PAST_DAYS`` ago comes first (or, from a chosen start date, the earliest).
    ``day``: only the events on that day in their own local dates, as "on the day" lists them.
    Selected on the occurrences' rows (``campaign.events.occurrences``): what it costs does not
    grow with the calendar's events, only with what the feed holds.
    """
    from .models import EventDay, EventOccurrence, EventPage
    from .occurrences import listed_rows, next_occurrences

    form = calendar_filters(calendar_page, request)
    zone = zoneinfo.ZoneInfo(calendar_page.time_zone)
    scope = calendar_page.scope()
    limit = settings.EVENTS_FEED_MAX_EVENTS
    if day is not None:
        rows = listed_rows(EventDay, scope, filtered_events(form, zone)).filter(day=day)
        events = EventPage.objects.filter(pk__in=rows.order_by("start", "event_id").values("event_id")[:limit])
    elif "date_from" not in form.active():
        since = timezone.now() - datetime.timedelta(days=settings.EVENTS_FEED_PAST_DAYS)
        rows = next_occurrences(listed_rows(EventOccurrence, scope, filtered_events(form, zone)), since)
        events = EventPage.objects.filter(pk__in=rows.values("event_id")[:limit])
    else:
        chosen = form.apply(calendar_page.events(scope), zone).order_by("start", "pk")
        events = EventPage.objects.filter(pk__in=chosen.values("pk")[:limit])
    return events.defer_streamfields().order_by("start", "pk"), form


def _cache_key(calendar_page, request, form, events, scope: str) -> str:
    """Changes whenever an event in the feed is published, changed, cancelled or removed."""
    stamp = (
        events.model.objects.filter(pk__in=events.values("pk"))
        .order_by()
        .aggregate(latest=Max("last_published_at"), total=Count("pk"), sequences=Sum("sequence"))
    )
    parts = [calendar_page.pk, scope, calendar_page.last_published_at, get_language()]
    parts += [form.query_string(), stamp["latest"], stamp["total"], stamp["sequences"]]
    return "events:feed:" + hashlib.sha256(repr(parts).encode()).hexdigest()


@page_view("events.calendar_feed")
def calendar_feed(calendar_page, request, on_the_day: bool = False):
    day = the_day()[1] if on_the_day else None
    events, form = feed_events(calendar_page, request, day=day)
    # Serialising with icalendar costs a few milliseconds per event and calendar clients
    # poll often: keep the body until something in it changes (one aggregate query).
    scope = f"day:{day}" if day else "all"
    key = _cache_key(calendar_page, request, form, events, scope)
    body = cache.get(key)
    if body is None:
        name = calendar_page.title
        region = calendar_page.region
        if region is not None and region.title not in name:
            name = f"{name} · {region.title}"
        body = build_calendar(list(events), request, name=name)
        cache.set(key, body, settings.EVENTS_FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Language"] = get_language()
    response["Content-Disposition"] = f'inline; filename="calendar-{calendar_page.pk}.ics"'
    return response


@page_view("events.event_ics")
def event_ics(event_page, request):
    """One event's .ics file (EventPage's ``ics/`` route)."""
    body = build_calendar([event_page], request, name=event_page.title)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event_page.pk}.ics"'
    return response
