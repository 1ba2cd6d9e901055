"""Recurring events across clock changes in three hemispheres, checked against two independent
expansions: dateutil on the feed's own RRULE, and recurring-ical-events (a second iCalendar
parser) on the whole feed; then the calendar views a visitor sees."""

import datetime
import zoneinfo

import pytest
import recurring_ical_events
from dateutil import rrule
from icalendar import Calendar

from campaign.events.models import EventOccurrence
from campaign.events.recurrence import Repeat, occurrences

from .factories import local, make_event

pytestmark = pytest.mark.django_db

#: (calendar, zone, country, first local start): each series crosses its zone's clock change.
SERIES = [
    # Northern hemisphere: Europe springs forward on 28 March 2027.
    ("eu", "Europe/Brussels", "BE", (2027, 3, 2, 18, 30)),
    # Southern hemisphere: Sydney falls back on 4 April 2027.
    ("apac", "Australia/Sydney", "", (2027, 3, 9, 9, 0)),
    # Western hemisphere, south: Santiago falls back on 3 April 2027 (at local midnight).
    ("latam", "America/Santiago", "", (2027, 3, 6, 0, 30)),
]


def _ics(client, page, suffix="ics/"):
    response = client.get(page.url + suffix)
    assert response.status_code == 200
    return Calendar.from_ical(response.content)


def test_weekly_series_across_dst_matches_dateutil_and_a_second_parser(client, calendars, frozen_now):
    for code, zone_name, country, first in SERIES:
        zone = zoneinfo.ZoneInfo(zone_name)
        event = make_event(
            calendars.calendars[code],
            title=f"Weekly club {zone_name}",
            start=local(*first, zone=zone_name),
            end=local(*first, zone=zone_name) + datetime.timedelta(minutes=90),
            time_zone=zone_name,
            country=country,
            repeat=Repeat.WEEKLY,
            repeat_count=8,
        )
        rows = list(EventOccurrence.objects.filter(event=event).order_by("start").values_list("start", "end"))
        assert len(rows) == 8
        # The wall-clock time holds; the UTC offset changes once, across the clock change.
        local_rows = [(start.astimezone(zone), end.astimezone(zone)) for start, end in rows]
        assert {start.time() for start, _end in local_rows} == {datetime.time(first[3], first[4])}
        assert len({start.utcoffset() for start, _end in local_rows}) == 2
        assert all(end - start == datetime.timedelta(minutes=90) for start, end in rows)

        vevent = _ics(client, event).walk("VEVENT")[0]
        assert vevent["DTSTART"].params["TZID"] == zone_name
        # 1. dateutil, from the RRULE text as the feed publishes it.
        rule_text = vevent["RRULE"].to_ical().decode()
        expected = list(rrule.rrulestr(rule_text, dtstart=vevent.decoded("DTSTART")))
        assert [start for start, _end in rows] == [moment.astimezone(datetime.UTC) for moment in expected]
        # 2. recurring-ical-events expanding the whole calendar feed (VTIMEZONE included).
        feed = Calendar.from_ical(client.get(calendars.calendars[code].url + "feed/").content)
        expanded = [
            component
            for component in recurring_ical_events.of(feed).between(
                datetime.date(2027, 1, 1), datetime.date(2028, 1, 1)
            )
            if str(component["UID"]) == str(vevent["UID"])
        ]
        assert sorted((c.decoded("DTSTART"), c.decoded("DTEND")) for c in expanded) == rows


def test_monthly_nth_weekday_with_skipped_and_cancelled_dates(client, calendars, frozen_now):
    eu = calendars.calendars["eu"]
    # The second Tuesday of each month, 10:00 Brussels, until the end of June.
    event = make_event(
        eu,
        title="Parents' evening",
        start=local(2027, 2, 9, 10),
        end=local(2027, 2, 9, 12),
        repeat=Repeat.MONTHLY,
        repeat_until=datetime.date(2027, 6, 30),
        skipped_dates=["2027-04-13"],
        cancelled_dates=["2027-05-11"],
    )
    expected_days = ["2027-02-09", "2027-03-09", "2027-05-11", "2027-06-08"]
    rows = EventOccurrence.objects.filter(event=event).order_by("start")
    assert [row.start.astimezone(event.zone).date().isoformat() for row in rows] == expected_days
    assert [row.cancelled for row in rows] == [False, False, True, False]
    assert [start.date().isoformat() for start, _end, _c in occurrences(event)] == expected_days

    cal = _ics(client, event)
    main, override = cal.walk("VEVENT")
    assert main["RRULE"]["FREQ"] == ["MONTHLY"] and main["RRULE"]["BYDAY"] == ["2TU"]
    assert [d.dt.date().isoformat() for d in main["EXDATE"].dts] == ["2027-04-13"]
    assert override["RECURRENCE-ID"].dt == local(2027, 5, 11, 10) and override["STATUS"] == "CANCELLED"
    expanded = recurring_ical_events.of(cal).between(datetime.date(2027, 1, 1), datetime.date(2028, 1, 1))
    by_day = {c.decoded("DTSTART").date().isoformat(): str(c.get("STATUS")) for c in expanded}
    assert sorted(by_day) == expected_days
    assert by_day["2027-05-11"] == "CANCELLED" and by_day["2027-03-09"] == "CONFIRMED"

    # Visitors: May's grid marks the 11th cancelled; March and June show the event; April 13 not.
    may = client.get(eu.url + "month/2027/5/").content.decode()
    cell = may.split('datetime="2027-05-11"')[1].split("</td>")[0]
    assert "Parents&#x27; evening" in cell and "event-item--cancelled" in cell
    april = client.get(eu.url + "month/2027/4/").content.decode()
    assert "Parents&#x27; evening" not in april
    june = client.get(eu.url + "month/2027/6/").content.decode()
    assert "Parents&#x27; evening" in june.split('datetime="2027-06-08"')[1].split("</td>")[0]
    # The event page lists its coming dates, the cancelled one marked, in the event's own zone.
    page = client.get(event.url).content.decode()
    assert "Every month on the second Tuesday" in page
    assert page.count("event-item--cancelled") == 1
    # Filtered by dates, the upcoming list finds the series in June (an occurrence is there).
    listed = client.get(eu.url + "?date_from=2027-06-01&date_to=2027-06-30").content.decode()
    assert "Parents&#x27; evening" in listed


def test_on_the_day_and_country_counts_see_occurrences(client, calendars, frozen_now):
    eu = calendars.calendars["eu"]
    # The edition's day is 9 Feb 2027 (a Tuesday); a weekly series that started in January has
    # its own start before the day but an occurrence on it.
    make_event(
        eu,
        title="Tuesday coding club",
        start=local(2027, 1, 12, 16),
        end=local(2027, 1, 12, 17),
        country="FR",
        repeat=Repeat.WEEKLY,
        repeat_until=datetime.date(2027, 3, 31),
    )
    day = client.get(eu.url + "on-the-day/").content.decode()
    assert "Tuesday coding club" in day
    countries = client.get(eu.url + "countries/").content.decode()
    assert "France" in countries
    upcoming = client.get(eu.url).content.decode()
    # Listed once, at its next date after "now" (20 Jan 2027): Tuesday 26 January.
    assert upcoming.count("Tuesday coding club") == 1 and "2027-01-26T16:00:00+01:00" in upcoming


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"repeat_count": None, "repeat_until": None}, "repeat_until"),
        ({"repeat_count": 5, "repeat_until": datetime.date(2027, 6, 1)}, "repeat_count"),
        ({"repeat_count": 1000}, "repeat_count"),
        ({"repeat_until": datetime.date(2031, 1, 1), "repeat_count": None}, "repeat_until"),
        ({"repeat_interval": 0}, "repeat_interval"),
    ],
)
def test_the_editor_explains_unbounded_or_contradictory_rules(fields, field):
    from django.utils import translation

    from campaign.events.models import EventPage
    from campaign.events.models.event import recurrence_errors

    values = {
        "start": local(2027, 2, 9, 10),
        "end": local(2027, 2, 9, 11),
        "time_zone": "Europe/Brussels",
        "repeat": Repeat.WEEKLY,
        "repeat_interval": 1,
        "repeat_count": 4,
    } | fields
    with translation.override("fr"):
        errors = recurrence_errors(EventPage(**values))
    assert list(errors) == [field]
