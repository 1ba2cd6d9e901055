import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import local, make_event

pytestmark = pytest.mark.django_db


def test_upcoming_list_shows_zone_offset_and_status(client, events):
    html = client.get("/en/europe/events/").content.decode()
    assert "Brussels workshop" in html and "Berlin webinar" in html and "Paris talk" in html
    assert "Tokyo assembly" not in html  # another region
    assert "Hidden draft" not in html
    assert "Europe/Brussels, UTC+01:00" in html
    # The instant, with the event's own offset (local-time.js reads it for the visitor's time).
    assert 'datetime="2027-02-09T10:00:00+01:00"' in html and "data-local-time" in html
    assert "Cancelled" in html
    assert 'rel="alternate" type="text/calendar"' in html and "webcal://testserver/en/europe/events/feed/" in html
    assert "events/js/local-time.js" in html and "https://" not in html.split("<body")[0]


def test_filters_in_the_query_string_and_feed_link_keeps_them(client, events):
    html = client.get("/en/calendar/?audience=teachers").content.decode()
    assert "Berlin webinar" in html and "Brussels workshop" not in html
    assert "feed/?audience=teachers" in html
    html = client.get("/en/calendar/?language=fr").content.decode()
    assert "Brussels workshop" in html and "Berlin webinar" not in html
    html = client.get("/en/calendar/?format=online").content.decode()
    assert "Berlin webinar" in html and "Brussels workshop" not in html
    html = client.get("/en/calendar/?date_from=2027-02-10&date_to=2027-02-10").content.decode()
    assert "Paris talk" in html and "Brussels workshop" not in html
    response = client.get("/en/calendar/?date_from=2027-03-01&date_to=2027-02-01")
    assert response.status_code == 200
    assert "The end of the range must not be before its start." in response.content.decode()


def test_month_grid_places_events_on_their_local_dates(client, events):
    html = client.get("/en/calendar/month/2027/2/").content.decode()
    assert "Tokyo assembly" in html and "Hidden draft" not in html
    cell_9 = html.split('datetime="2027-02-09"')[1].split("</td>")[0]
    assert "Tokyo assembly" in cell_9 and "Brussels workshop" in cell_9
    cell_8 = html.split('datetime="2027-02-08"')[1].split("</td>")[0]
    assert "Tokyo assembly" not in cell_8
    assert client.get("/en/calendar/month/2027/13/").status_code == 404


def test_month_grid_counts_every_local_date_of_an_event_and_keeps_the_first_four(client, calendars):
    from campaign.events.models import EventDay

    eu = calendars.calendars["eu"]
    # Three days in Auckland, from late evening: four UTC dates, three local ones.
    conference = make_event(
        eu,
        title="Auckland conference",
        start=local(2027, 3, 10, 22, zone="Pacific/Auckland"),
        end=local(2027, 3, 12, 22, zone="Pacific/Auckland"),
        time_zone="Pacific/Auckland",
    )
    days = sorted(EventDay.objects.filter(event_id=conference.pk).values_list("day", flat=True))
    assert [day.isoformat() for day in days] == ["2027-03-10", "2027-03-11", "2027-03-12"]
    for index in range(5):
        make_event(
            eu, title=f"Morning {index}", start=local(2027, 3, 11, 9 + index), end=local(2027, 3, 11, 10 + index)
        )
    html = client.get("/en/europe/events/month/2027/3/").content.decode()
    cells = {
        day: html.split(f'datetime="2027-03-{day}"')[1].split("</td>")[0] for day in ("09", "10", "11", "12", "13")
    }
    assert "Auckland conference" in cells["10"] and "Auckland conference" in cells["12"]
    assert "Auckland conference" not in cells["09"] and "Auckland conference" not in cells["13"]
    # The 11th has six events: the conference (earliest start) and three mornings shown, two more.
    shown = [f"Morning {index}" for index in range(5) if f"Morning {index}<" in cells["11"]]
    assert "Auckland conference" in cells["11"] and shown == ["Morning 0", "Morning 1", "Morning 2"]
    assert "and 2 more" in " ".join(cells["11"].split())
    # Moved to another date, its days move with it (they are rewritten with its occurrences).
    conference.start, conference.end = local(2027, 4, 1, 10), local(2027, 4, 1, 12)
    conference.time_zone = "Europe/Brussels"
    conference.save()
    assert list(EventDay.objects.filter(event_id=conference.pk).values_list("day", flat=True)) == [
        local(2027, 4, 1).date()
    ]


def test_on_the_day_and_country_summary(client, events):
    html = client.get("/en/calendar/on-the-day/").content.decode()
    assert html.index("Tokyo assembly") < html.index("Brussels workshop") < html.index("Berlin webinar")
    assert "Paris talk" not in html  # the 10th
    html = client.get("/en/calendar/countries/").content.decode()
    table = html.split('class="country-summary"')[1].split("</table>")[0]
    assert "Japan" in table and "Belgium" in table and "?country=JP" in table
    assert "France" not in table  # its only event is cancelled


@pytest.mark.parametrize("language", ["ar", "ja"])
def test_every_view_in_arabic_and_japanese(client, events, language):
    title = {"ar": "تجمع طوكيو", "ja": "東京の全校集会"}[language]
    tokyo = events["tokyo"]
    for path in ("", "month/2027/2/", "on-the-day/", "countries/", "submit/"):
        response = client.get(f"/{language}/calendar/{path}")
        assert response.status_code == 200, path
        html = response.content.decode()
        assert f'lang="{language}"' in html
        if language == "ar":
            assert 'dir="rtl"' in html
        if path in ("", "month/2027/2/", "on-the-day/"):
            assert title in html, path
    from django.utils import translation

    with translation.override(language):
        url = tokyo.get_url()
    html = client.get(url).content.decode()
    assert title in html and "Asia/Tokyo, UTC+09:00" in html
    feed = client.get(f"/{language}/calendar/feed/?country=JP").content.decode()
    assert title in feed


def _count(client, url):
    client.get(url)  # warm the per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    _count.last = [query["sql"][:160] for query in context.captured_queries]
    return len(context.captured_queries)


def test_query_count_does_not_grow(client, calendars, frozen_now):
    eu = calendars.calendars["eu"]
    urls = [
        "/en/europe/events/",
        "/en/europe/events/month/2027/2/",
        "/en/europe/events/feed/",
        "/en/calendar/on-the-day/",
        "/en/calendar/on-the-day/feed/",
        "/en/calendar/countries/",
        "/en/calendar/feed/?country=BE",
        "/en/calendar/map/",
        "/en/europe/events/map/?edition=2027",
    ]
    for index in range(3):
        make_event(eu, title=f"Small {index}", start=local(2027, 2, 9, 9 + index), end=local(2027, 2, 9, 10 + index))
    small, small_sql = {}, {}
    for url in urls:
        small[url] = _count(client, url)
        small_sql[url] = _count.last
    for index in range(25):
        zone = ["Europe/Brussels", "Asia/Tokyo", "America/Mexico_City"][index % 3]
        make_event(
            eu,
            title=f"Big {index}",
            start=local(2027, 2, 9, 8, zone=zone),
            end=local(2027, 2, 9, 9, zone=zone),
            time_zone=zone,
        )
    large, large_sql = {}, {}
    for url in urls:
        large[url] = _count(client, url)
        large_sql[url] = _count.last
    for url in urls:
        assert large[url] == small[url], (url, sorted(set(large_sql[url]) - set(small_sql[url])))
    # And within the pages' budget (issue 13: at most 12 per page): site 1, its home page 1;
    # routing 4 for a region's calendar (2 for the global one); edition years 1; unpublished
    # sections 1; the events 2 (branding, view restrictions and menus: from the cache).
    budget = {
        "/en/europe/events/": 10,
        "/en/europe/events/month/2027/2/": 10,
        "/en/calendar/on-the-day/": 8,
    }
    for url, most in budget.items():
        assert small[url] <= most, (url, small[url], small_sql[url])


def test_on_the_day_is_paginated_by_local_date_and_keeps_filters(client, calendars, frozen_now):
    from campaign.events.views import PER_PAGE

    eu = calendars.calendars["eu"]
    zones = ["Pacific/Auckland", "Asia/Tokyo", "Europe/Brussels", "America/Mexico_City", "Pacific/Honolulu"]
    for index in range(PER_PAGE + 5):
        zone = zones[index % len(zones)]
        make_event(
            eu,
            title=f"Day event {index:02d}",
            start=local(2027, 2, 9, 6 + index % 12, zone=zone),
            end=local(2027, 2, 9, 7 + index % 12, zone=zone),
            time_zone=zone,
            country="BE" if index % 2 else "FR",
        )
    # 9 Feb 20:00 in Honolulu is already the 10th in UTC; 9 Feb 23:30 UTC is the 10th in Auckland.
    make_event(
        eu,
        title="Honolulu evening",
        start=local(2027, 2, 9, 20, zone="Pacific/Honolulu"),
        end=local(2027, 2, 9, 21, zone="Pacific/Honolulu"),
        time_zone="Pacific/Honolulu",
    )
    make_event(
        eu,
        title="Auckland next morning",
        start=local(2027, 2, 10, 9, zone="Pacific/Auckland"),
        end=local(2027, 2, 10, 10, zone="Pacific/Auckland"),
        time_zone="Pacific/Auckland",
    )
    first = client.get("/en/europe/events/on-the-day/").content.decode()
    second = client.get("/en/europe/events/on-the-day/?page=2").content.decode()
    listed = [f"Day event {index:02d}" for index in range(PER_PAGE + 5)] + ["Honolulu evening"]
    on_first = [title for title in listed if title in first]
    on_second = [title for title in listed if title in second]
    assert len(on_first) == PER_PAGE and len(on_second) == 6
    assert set(on_first) | set(on_second) == set(listed) and not set(on_first) & set(on_second)
    assert "Auckland next morning" not in first + second  # the 10th where it happens
    assert "Page 1 of 2" in first and 'rel="next" href="?page=2"' in first
    assert 'rel="prev" href="?page=1"' in second
    # Filters stay in the pager's links; bad page numbers never fail.
    filtered = client.get("/en/europe/events/on-the-day/?country=BE").content.decode()
    assert "Day event 01" in filtered and "Day event 00" not in filtered
    assert "Page" not in filtered.split('id="day-heading"')[1]  # 15 events: one page
    kept = client.get("/en/europe/events/on-the-day/?format=in_person&page=2").content.decode()
    assert 'rel="prev" href="?format=in_person&amp;page=1"' in kept and "Page 2 of 2" in kept
    for garbage in ("abc", "0", "-1", "999", "1.5", "%00"):
        response = client.get(f"/en/europe/events/on-the-day/?page={garbage}")
        assert response.status_code == 200, garbage
        assert "Day event" in response.content.decode(), garbage


def test_on_the_day_query_count_does_not_grow_and_page_two_costs_the_same(client, calendars, frozen_now):
    eu = calendars.calendars["eu"]
    for index in range(3):
        make_event(
            eu,
            title=f"Small {index}",
            start=local(2027, 2, 9, 9 + index),
            end=local(2027, 2, 9, 10 + index),
            audience=["parents"],
        )
    url = "/en/europe/events/on-the-day/?audience=parents&country=BE"
    small = _count(client, "/en/europe/events/on-the-day/")
    small_filtered = _count(client, url)
    zones = ["Europe/Brussels", "Asia/Tokyo", "America/Mexico_City", "Pacific/Auckland"]
    for index in range(60):
        zone = zones[index % len(zones)]
        make_event(
            eu,
            title=f"Big {index}",
            start=local(2027, 2, 9, 8, zone=zone),
            end=local(2027, 2, 9, 9, zone=zone),
            time_zone=zone,
            audience=["parents"],
        )
    assert _count(client, "/en/europe/events/on-the-day/") == small
    assert _count(client, "/en/europe/events/on-the-day/?page=2") == small
    assert _count(client, "/en/europe/events/on-the-day/?page=3") == small
    assert _count(client, url) == small_filtered
    page_three = client.get("/en/europe/events/on-the-day/?page=3").content.decode()
    assert "Page 3 of 3" in page_three and page_three.count('class="card event-item') == 63 - 50


def test_on_the_day_advertises_a_feed_of_the_day_only(client, events):
    from icalendar import Calendar

    html = client.get("/en/calendar/on-the-day/?country=JP").content.decode()
    assert 'type="text/calendar"' in html and 'href="/en/calendar/on-the-day/feed/?country=JP"' in html
    assert "webcal://testserver/en/calendar/on-the-day/feed/?country=JP" in html
    feed = Calendar.from_ical(client.get("/en/calendar/on-the-day/feed/").content)
    titles = sorted(str(event["SUMMARY"]) for event in feed.walk("VEVENT"))
    # Tokyo's 9 February starts on the 8th in UTC; Paris is the 10th: the page's own rule.
    assert titles == ["Berlin webinar", "Brussels workshop", "Tokyo assembly"]
    feed = Calendar.from_ical(client.get("/en/calendar/on-the-day/feed/?country=JP").content)
    assert [str(event["SUMMARY"]) for event in feed.walk("VEVENT")] == ["Tokyo assembly"]
    # The whole calendar's feed is another body, not a cached copy of the day's.
    whole = Calendar.from_ical(client.get("/en/calendar/feed/").content)
    assert "Paris talk" in [str(event["SUMMARY"]) for event in whole.walk("VEVENT")]
