"""The occurrence rows' copy of each event's calendar and live flag (what the calendar views
count and page through) stays right after publication, unpublication, moves, deletion and
time-zone changes: checked against counts made independently, from the pages themselves
(plain ORM and the recurrence rules, local dates computed here), never from the rows."""

import datetime
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from campaign.events.filters import CalendarFilterForm
from campaign.events.models import EventDay, EventOccurrence, EventPage
from campaign.events.occurrences import day_events, listed_rows, month_days, range_events, upcoming_events
from campaign.events.recurrence import occurrences as expand

from .conftest import NOW
from .factories import local, make_event

pytestmark = pytest.mark.django_db

FEBRUARY = (datetime.date(2027, 2, 1), datetime.date(2027, 2, 28))


def _listed(calendar, event) -> bool:
    """Does ``calendar`` list ``event``? From the page tree alone: live, public, below the
    calendar's region (or the home), with every page above it live."""
    event = Page.objects.get(pk=event.pk)
    scope = calendar.get_parent() if calendar.region is None else calendar.region
    ancestors = list(event.get_ancestors())
    return (
        event.live
        and event.is_descendant_of(scope)
        and all(page.live for page in ancestors)
        and not PageViewRestriction.objects.filter(page__in=[*ancestors, event]).exists()
    )


def _local_dates(start, end, zone_name):
    zone = zoneinfo.ZoneInfo(zone_name)
    day, last = start.astimezone(zone).date(), (end.astimezone(zone) - datetime.timedelta(microseconds=1)).date()
    dates = set()
    while day <= last:
        dates.add(day)
        day += datetime.timedelta(days=1)
    return dates


def expected(calendar, first=FEBRUARY[0], last=FEBRUARY[1]):
    """Per date: the events ``calendar`` lists that day; the upcoming events at NOW; the events
    with an occurrence on 9 February in the calendar's own zone (its date filter)."""
    per_date, upcoming, in_range = {}, set(), set()
    zone = zoneinfo.ZoneInfo(calendar.time_zone)
    after, before = datetime.datetime(2027, 2, 9, tzinfo=zone), datetime.datetime(2027, 2, 10, tzinfo=zone)
    for event in EventPage.objects.all():
        if not _listed(calendar, event):
            continue
        for start, end, _cancelled in expand(event):
            if end > NOW:
                upcoming.add(event.pk)
            if end > after and start < before:
                in_range.add(event.pk)
            for date in _local_dates(start, end, event.time_zone):
                if first <= date <= last:
                    per_date.setdefault(date, set()).add(event.pk)
    return per_date, upcoming, in_range


def assert_rows_follow_pages():
    """Every row carries its event's parent page and live flag; one last occurrence per event."""
    pages = {page.pk: page for page in Page.objects.filter(pk__in=EventPage.objects.values("pk"))}
    for model in (EventOccurrence, EventDay):
        for event_id, calendar_id, live in model.objects.values_list("event_id", "calendar_id", "live"):
            page = pages[event_id]
            assert (calendar_id, live) == (page.get_parent().pk, page.live), (model.__name__, page.title)
    for pk in pages:
        ends = list(EventOccurrence.objects.filter(event_id=pk).values_list("end", "last"))
        assert [end for end, last in ends if last] == [max(end for end, _last in ends)]
    days = list(EventDay.objects.values_list("event_id", "day"))
    assert len(days) == len(set(days)), "one row per event and date"


def assert_views_agree(calendar):
    per_date, upcoming, in_range = expected(calendar)
    scope = calendar.scope()
    days = listed_rows(EventDay, scope)
    got = {date: (total, [pk for pk, _c in shown]) for date, total, shown in month_days(days, *FEBRUARY, 4)}
    assert {date: total for date, (total, _shown) in got.items()} == {date: len(pks) for date, pks in per_date.items()}
    for date, (_total, shown) in got.items():
        assert set(shown) <= per_date[date] and len(shown) == min(4, len(per_date[date]))
    the_day = datetime.date(2027, 2, 9)
    on_day = day_events(days, the_day)
    assert on_day.count() == len(per_date.get(the_day, ()))
    assert {event.pk for event in on_day[0:100]} == per_date.get(the_day, set())
    listing = upcoming_events(listed_rows(EventOccurrence, scope), NOW)
    assert listing.count() == len(upcoming)
    assert {event.pk for event in listing[0:100]} == upcoming
    form = CalendarFilterForm({"date_from": "2027-02-09", "date_to": "2027-02-09"})
    ranged = range_events(
        listed_rows(EventOccurrence, scope), *form.date_range(zoneinfo.ZoneInfo(calendar.time_zone)), NOW
    )
    assert ranged.count() == len(in_range)
    assert {event.pk for event in ranged[0:100]} == in_range
    # And the events' own listing (read API, embeds, the country summary) agrees.
    assert set(calendar.events().values_list("pk", flat=True)) == {
        event.pk for event in EventPage.objects.all() if _listed(calendar, event)
    }


@pytest.fixture
def spread(calendars, frozen_now):
    eu, apac = calendars.calendars["eu"], calendars.calendars["apac"]
    made = {
        "brussels": make_event(eu, title="Brussels", start=local(2027, 2, 9, 10), end=local(2027, 2, 9, 12)),
        "auckland": make_event(
            eu,
            title="Auckland conference",
            start=local(2027, 2, 8, 22, zone="Pacific/Auckland"),
            end=local(2027, 2, 10, 18, zone="Pacific/Auckland"),
            time_zone="Pacific/Auckland",
        ),
        "weekly": make_event(
            eu,
            title="Weekly class",
            start=local(2027, 1, 5, 18),
            end=local(2027, 1, 5, 19),
            repeat="weekly",
            repeat_count=10,
            cancelled_dates=["2027-02-09"],
        ),
        "tokyo": make_event(
            apac,
            title="Tokyo",
            start=local(2027, 2, 9, 9, zone="Asia/Tokyo"),
            end=local(2027, 2, 9, 11, zone="Asia/Tokyo"),
            time_zone="Asia/Tokyo",
        ),
        "past": make_event(eu, title="Past", start=local(2027, 1, 2, 10), end=local(2027, 1, 2, 12)),
        "draft": make_event(eu, publish=False, title="Draft", start=local(2027, 2, 9, 8), end=local(2027, 2, 9, 9)),
        "global": make_event(
            calendars.global_calendar, title="Global", start=local(2027, 2, 12, 8), end=local(2027, 2, 12, 9)
        ),
    }
    return calendars, made


def check(calendars):
    assert_rows_follow_pages()
    for calendar in (*calendars.calendars.values(), calendars.global_calendar):
        assert_views_agree(calendar)


def test_rows_after_publication_and_unpublication(spread):
    calendars, made = spread
    check(calendars)
    draft = made["draft"]
    draft.save_revision().publish()
    check(calendars)
    assert EventDay.objects.filter(event_id=draft.pk, live=True).exists()
    EventPage.objects.get(pk=made["brussels"].pk).unpublish()
    check(calendars)
    # Unpublished as a plain page (Wagtail does so for aliases): the signal refreshes the rows.
    Page.objects.get(pk=made["tokyo"].pk).unpublish()
    check(calendars)
    assert not EventDay.objects.filter(event_id=made["tokyo"].pk, live=True).exists()


def test_rows_after_a_move_a_deletion_and_a_time_zone_change(spread):
    calendars, made = spread
    event = EventPage.objects.get(pk=made["auckland"].pk)
    event.move(calendars.calendars["apac"], pos="last-child")
    check(calendars)
    assert set(EventDay.objects.filter(event_id=event.pk).values_list("calendar_id", flat=True)) == {
        calendars.calendars["apac"].pk
    }
    Page.objects.get(pk=made["weekly"].pk).delete()
    check(calendars)
    tokyo = EventPage.objects.get(pk=made["tokyo"].pk)
    # Same instants, another zone: 9 Feb 09:00 in Tokyo is 8 Feb 14:00 in Honolulu.
    tokyo.time_zone = "Pacific/Honolulu"
    tokyo.save_revision().publish()
    check(calendars)
    assert set(EventDay.objects.filter(event_id=tokyo.pk).values_list("day", flat=True)) == {datetime.date(2027, 2, 8)}


def test_rows_when_a_calendar_is_unpublished_private_or_an_event_private(spread):
    calendars, made = spread
    calendars.calendars["eu"].unpublish()  # its events stay live, below an unpublished page
    check(calendars)
    assert not list(calendars.calendars["eu"].events())
    calendars.calendars["eu"].save_revision().publish()
    check(calendars)
    PageViewRestriction.objects.create(page=calendars.calendars["apac"], restriction_type="login")
    check(calendars)
    restriction = PageViewRestriction.objects.create(
        page=Page.objects.get(pk=made["brussels"].pk), restriction_type="groups"
    )
    restriction.groups.add(Group.objects.first())
    check(calendars)
    calendars.regions["eu"].unpublish()
    check(calendars)


def test_rows_of_a_copy_and_an_alias(spread):
    calendars, made = spread
    source = EventPage.objects.get(pk=made["brussels"].pk)
    copy = source.copy(to=calendars.calendars["apac"], update_attrs={"slug": "brussels-copy"}, keep_live=True)
    alias = source.create_alias(parent=calendars.calendars["apac"], update_slug="brussels-alias")
    check(calendars)
    assert EventDay.objects.filter(event_id=copy.pk, calendar_id=calendars.calendars["apac"].pk).exists()
    source.unpublish()  # unpublishes the alias too, as a plain page
    check(calendars)
    assert not EventDay.objects.filter(event_id=alias.pk, live=True).exists()
