"""Calendars and events for tests; times are given as local wall-clock times in the event's zone."""

from __future__ import annotations

import datetime
import zoneinfo

import factory
import wagtail_factories

from campaign.events.models import EventCalendarPage, EventPage


class EventCalendarPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventCalendarPage

    title = "Events"
    slug = "events"


class EventPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Event {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    time_zone = "Europe/Brussels"
    start = factory.LazyAttribute(lambda o: datetime.datetime(2027, 2, 9, 10, tzinfo=zoneinfo.ZoneInfo(o.time_zone)))
    end = factory.LazyAttribute(lambda o: o.start + datetime.timedelta(hours=2))
    country = "BE"
    description = "An event"


def local(year, month, day, hour=0, minute=0, zone="Europe/Brussels"):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))


def make_event(calendar, publish=True, **fields):
    """Create an event under ``calendar`` and publish it through a revision (signals run)."""
    event = EventPageFactory.build(live=publish, **fields)
    calendar.add_child(instance=event)
    revision = event.save_revision()
    if publish:
        revision.publish()
    event.refresh_from_db()
    return event
