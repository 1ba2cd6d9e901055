"""Every demo event, in every language: the date and time on its page are those of its own
.ics (parsed by icalendar) and of its calendar's feed.

The independent source is the iCalendar file: its DTSTART/DTEND carry the event's TZID and
wall-clock reading. The page must print that reading (in the page language's format), the
zone, and an instant equal to it; the feed must carry the same VEVENT times under the same
UID. The demo content is loaded once for the module (it is the slow part).
"""

from __future__ import annotations

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format, time_format
from icalendar import Calendar

from tests.demo import module_demo_site
from translations.core.languages import LANGUAGE_CODES

demo_site = module_demo_site()


@pytest.fixture(scope="module")
def demo_events(demo_site, django_db_blocker):
    """Every live demo event and its own .ics (one VEVENT), fetched once."""
    from campaign.events.models import EventPage

    with django_db_blocker.unblock():
        events = list(EventPage.objects.live().public().order_by("path"))
        icals = {}
        client = Client()
        for event in events:
            with translation.override("en"):
                url = event.get_url() + "ics/"
            response = client.get(url)
            assert response.status_code == 200, url
            (vevent,) = Calendar.from_ical(response.content).walk("VEVENT")
            icals[event.pk] = vevent
    return events, icals


def _wall(value):
    """An iCalendar value's own wall-clock reading (a date for all-day events)."""
    return value.replace(tzinfo=None) if isinstance(value, datetime.datetime) else value


def test_the_demo_has_timed_events_in_many_zones_across_midnight_utc(demo_events):
    events, icals = demo_events
    timed = [event for event in events if not event.all_day]
    assert len(timed) >= 60
    # The cases the bug hid: a wall-clock reading other than UTC's (all but the UTC zones).
    shifted = [e for e in timed if _wall(icals[e.pk].decoded("dtstart")) != _wall(e.start.astimezone(datetime.UTC))]
    assert len(shifted) >= 50


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_every_event_page_shows_its_ics_date_and_time(demo_events, client, language):
    events, icals = demo_events
    mismatches = []
    for event in events:
        vevent = icals[event.pk]
        start, end = vevent.decoded("dtstart"), vevent.decoded("dtend")
        with translation.override(language):
            url = event.get_url()
        html = client.get(url).content.decode()
        soup = BeautifulSoup(html, "html.parser")
        when = soup.select_one(".event__facts .event-when")
        assert when is not None, url
        shown = " ".join(when.get_text(" ").split())
        with translation.override(language):
            if isinstance(start, datetime.datetime):
                expected_bits = [
                    date_format(_wall(start).date(), "DATE_FORMAT"),
                    time_format(_wall(start), "TIME_FORMAT"),
                    time_format(_wall(end), "TIME_FORMAT"),
                ]
                zone = start.tzinfo.key if hasattr(start.tzinfo, "key") else str(vevent["dtstart"].params["TZID"])
                instant = datetime.datetime.fromisoformat(when.find("time")["datetime"])
                if instant != start:
                    mismatches.append((url, "instant", instant.isoformat(), start.isoformat()))
            else:  # all day: DTEND is the exclusive next day
                last = end - datetime.timedelta(days=1)
                expected_bits = [date_format(start, "DATE_FORMAT")]
                if last != start:
                    expected_bits.append(date_format(last, "DATE_FORMAT"))
                zone = event.time_zone
                if when.find("time")["datetime"] != start.isoformat():
                    mismatches.append((url, "date", when.find("time")["datetime"], start.isoformat()))
        expected_bits.append(zone)
        for bit in expected_bits:
            if " ".join(bit.split()) not in shown:
                mismatches.append((url, bit, shown))
    assert not mismatches, f"{len(mismatches)} differences from the .ics, e.g. {mismatches[:5]}"


@pytest.mark.django_db
def test_every_feed_carries_the_same_times_as_each_events_ics(demo_events, client):
    from campaign.events.models import EventCalendarPage

    events, icals = demo_events
    found = {}
    for calendar in EventCalendarPage.objects.live().order_by("path"):
        with translation.override("en"):
            url = calendar.get_url() + "feed/?date_from=2000-01-01"
        response = client.get(url)
        assert response.status_code == 200, url
        for vevent in Calendar.from_ical(response.content).walk("VEVENT"):
            found.setdefault(str(vevent["uid"]), []).append(vevent)
    for event in events:
        own = icals[event.pk]
        copies = found.get(str(own["uid"]))
        assert copies, f"{event.title} is in no calendar feed"
        for copy in copies:
            assert copy.decoded("dtstart") == own.decoded("dtstart"), event.title
            assert _wall(copy.decoded("dtstart")) == _wall(own.decoded("dtstart")), event.title
            assert copy.decoded("dtend") == own.decoded("dtend"), event.title


@pytest.mark.django_db
def test_the_tokyo_assembly_is_at_nine_in_tokyo_in_every_language(demo_events, client):
    """The case reported by visitors: 09:00 in Tokyo was shown as midnight."""
    events, icals = demo_events
    tokyo = next(e for e in events if e.time_zone == "Asia/Tokyo" and not e.all_day and "assembly" in e.slug)
    assert _wall(icals[tokyo.pk].decoded("dtstart")).hour == 9
    with translation.override("en"):
        html = client.get(tokyo.get_url()).content.decode()
    text = " ".join(BeautifulSoup(html, "html.parser").select_one(".event__facts .event-when").get_text(" ").split())
    assert "9 a.m." in text and "midnight" not in text and "Asia/Tokyo, UTC+09:00" in text
