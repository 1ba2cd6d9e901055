"""Calendar views and iCalendar feed at 100 and 20,000 events: queries, render time, feed size.

Views: month grid, upcoming list, "on the day" (first and second page, filtered), feeds.

    python benchmarks/event_calendar.py

Queries must not grow with the number of events. Events are spread over two years around
SID 2027 in twelve time zones; the feed holds at most EVENTS_FEED_MAX_EVENTS of them.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

# This file is named calendar.py (as asked); keep it from shadowing the standard library's
# ``calendar`` module, which Celery and the calendar views import.
HERE = Path(__file__).resolve().parent
sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != HERE]
_spec = importlib.util.spec_from_file_location("bench_support", HERE / "support.py")
support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(support)

import datetime  # noqa: E402
import zoneinfo  # noqa: E402

bulk_child_pages, count_queries, measure, setup_django = (
    support.bulk_child_pages,
    support.count_queries,
    support.measure,
    support.setup_django,
)

ZONES = [
    "Europe/Brussels",
    "Europe/Lisbon",
    "America/Mexico_City",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Pacific/Auckland",
    "Africa/Nairobi",
    "Africa/Cairo",
    "Asia/Singapore",
    "Australia/Sydney",
    "Europe/Berlin",
]
SIZES = (100, 20_000)


def main():
    setup_django()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client
    from django.utils import translation

    from campaign.editions.models import Edition
    from campaign.events.models import EventCalendarPage, EventOccurrence, EventPage
    from tests.factories import build_site_tree

    translation.activate("en")
    tree = build_site_tree()
    Edition.objects.create(year=2027, theme="Together for a better internet")
    calendar = EventCalendarPage(title="Events", slug="events")
    tree.regions["eu"].add_child(instance=calendar)
    calendar.save_revision().publish()
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    day = datetime.date(2027, 2, 9)
    created = 0
    print(f"{'events':>8} {'view':<22} {'queries':>7} {'median ms':>10} {'bytes':>10} {'in feed':>8}")
    for size in SIZES:

        def fields(n, base=created):
            number = base + n
            zone = zoneinfo.ZoneInfo(ZONES[number % len(ZONES)])
            # Half the events within a month of the day, the rest over two years.
            offset = (number % 60) - 30 if number % 2 else (number % 730) - 365
            if number % 10 == 0:
                offset = 0  # one in ten on the day itself, for the "on the day" view
            start = datetime.datetime.combine(
                day + datetime.timedelta(days=offset), datetime.time(9 + number % 9), zone
            )
            return {
                "title": f"Event {number}",
                "slug": f"event-{number}",
                "description": "Workshop for parents and teachers about online safety. " * 4,
                "start": start,
                "end": start + datetime.timedelta(hours=2),
                "time_zone": zone.key,
                "country": ["BE", "FR", "DE", "ES"][(number // 2) % 4],
                "audience": ["parents"],
                "languages": ["en"],
            }

        ids = bulk_child_pages(calendar, EventPage, size - created, fields_for=fields)
        created = size
        # Raw bulk inserts skip EventPage.save(): write the one occurrence each as save() would.
        EventOccurrence.objects.bulk_create(
            (
                EventOccurrence(event_id=pk, start=start, end=end, time_zone=zone_name)
                for pk, start, end, zone_name in EventPage.objects.filter(pk__in=ids).values_list(
                    "pk", "start", "end", "time_zone"
                )
            ),
            batch_size=2000,
        )
        assert EventPage.objects.live().count() == size
        on_day = sum(
            1
            for start, end, zone_name in EventPage.objects.live().values_list("start", "end", "time_zone")
            if start.astimezone(zoneinfo.ZoneInfo(zone_name)).date()
            <= day
            <= (end.astimezone(zoneinfo.ZoneInfo(zone_name)) - datetime.timedelta(microseconds=1)).date()
        )
        print(f"{size:>8} ({on_day} events on the day itself, in their local dates)")
        urls = {
            "month": "/en/europe/events/month/2027/2/",
            "feed": "/en/europe/events/feed/",
            "feed filtered": "/en/europe/events/feed/?country=BE",
            "upcoming": "/en/europe/events/",
            "on the day": "/en/europe/events/on-the-day/",
            "on the day p2": "/en/europe/events/on-the-day/?page=2",
            "on the day filtered": "/en/europe/events/on-the-day/?country=BE",
            "on the day feed": "/en/europe/events/on-the-day/feed/",
        }
        for name, url in urls.items():
            client.get(url)  # warm the site and settings caches
            for label, cold in ((name, "feed" in name), (f"{name} (cached)", False)):
                if label.endswith("(cached)") and "feed" not in name:
                    continue

                def get(url=url, cold=cold):
                    if cold:
                        cache.clear()  # a feed nobody asked for since its events changed
                    return client.get(url)

                queries, response = count_queries(get)
                assert response.status_code == 200, (url, response.status_code)
                seconds, response = measure(get, repeat=3)
                in_feed = response.content.count(b"BEGIN:VEVENT") if "feed" in name else ""
                print(
                    f"{size:>8} {label:<22} {queries:>7} {seconds * 1000:>10.0f} {len(response.content):>10} {in_feed:>8}"
                )
    print(
        f"(feed cap EVENTS_FEED_MAX_EVENTS={settings.EVENTS_FEED_MAX_EVENTS}, past {settings.EVENTS_FEED_PAST_DAYS} days)"
    )


if __name__ == "__main__":
    main()
