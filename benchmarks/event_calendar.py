"""Calendar views and iCalendar feed at 100 and 20,000 events: queries, CPU and wall time, size.

Views: month grid, upcoming list, "on the day" (first and second page, filtered), feeds.

    python benchmarks/event_calendar.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sid_calendar_bench python benchmarks/event_calendar.py

Queries must not grow with the number of events, and time should not either (goal: at most
×1.3 from 100 to 20,000 events for the month grid and a cold feed). Events are spread over
two years around SID 2027 in twelve time zones; the feed holds at most
EVENTS_FEED_MAX_EVENTS of them, so the whole feed grows with what it holds (60 events at
100, the cap at 20,000: its time per event is printed); "feed of 50, cold" holds 50 events
at both sizes, which shows what selecting them costs.
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

bulk_child_pages, count_queries, cpu_and_wall, setup_django = (
    support.bulk_child_pages,
    support.count_queries,
    support.cpu_and_wall,
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
SIZES = (100, 10_000, 20_000)


def main():
    setup_django()
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client, override_settings

    from campaign.events.models import EventPage
    from campaign.events.models import occurrence as stored_occurrences

    _tree, calendar = support.calendar_site()
    client = Client()
    day = datetime.date(2027, 2, 9)
    created = 0
    from django.db import connection

    print(f"Calendar views on {connection.vendor}")
    print(f"{'events':>8} {'view':<26} {'queries':>7} {'CPU ms':>8} {'wall ms':>8} {'bytes':>9} {'in feed':>8}")
    figures = {}
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
        stored_occurrences.write(
            (pk, start, end, zone_name, False)
            for pk, start, end, zone_name in EventPage.objects.filter(pk__in=ids).values_list(
                "pk", "start", "end", "time_zone"
            )
        )
        assert EventPage.objects.live().count() == size
        if connection.vendor == "postgresql":
            # Statistics and the visibility map as autovacuum keeps them on a running site: just
            # after a bulk load, index-only scans still read every table row they count.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
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
            "feed of 50": "/en/europe/events/feed/",
            "feed filtered": "/en/europe/events/feed/?country=BE",
            "upcoming": "/en/europe/events/",
            "on the day": "/en/europe/events/on-the-day/",
            "on the day p2": "/en/europe/events/on-the-day/?page=2",
            "on the day filtered": "/en/europe/events/on-the-day/?country=BE",
            "on the day feed": "/en/europe/events/on-the-day/feed/",
        }
        for name, url in urls.items():
            cap = 50 if name == "feed of 50" else settings.EVENTS_FEED_MAX_EVENTS
            with override_settings(EVENTS_FEED_MAX_EVENTS=cap):
                client.get(url)  # warm the site and settings caches
                for label, cold in ((f"{name}, cold", True), (f"{name} (cached)", False)):
                    if "feed" not in name:
                        label, cold = name, False
                    elif label.endswith("(cached)") and name == "feed of 50":
                        continue

                    def get(url=url, cold=cold):
                        if cold:
                            cache.clear()  # a feed nobody asked for since its events changed
                        return client.get(url)

                    queries, response = count_queries(get)
                    assert response.status_code == 200, (url, response.status_code)
                    cpu, wall = cpu_and_wall(get, repeat=3 if size > 1000 and cold else 5)
                    in_feed = response.content.count(b"BEGIN:VEVENT") if "feed" in name else ""
                    figures[(size, label)] = (queries, cpu, wall, in_feed)
                    print(
                        f"{size:>8} {label:<26} {queries:>7} {cpu * 1000:>8.0f} {wall * 1000:>8.0f}"
                        f" {len(response.content):>9} {in_feed:>8}"
                    )
                    if "feed" not in name:
                        break
    small = SIZES[0]
    for large in SIZES[1:]:
        print(f"growth {small:,} → {large:,} events (goal: same queries, at most 12, CPU at most ×1.3)")
        for label in ("month", "upcoming", "on the day", "on the day p2", "feed of 50, cold"):
            (q1, c1, w1, _n1), (q2, c2, w2, _n2) = figures[(small, label)], figures[(large, label)]
            print(f"  {label:<18} queries {q1} → {q2}, CPU ×{c2 / c1:.2f}, wall ×{w2 / w1:.2f}")
        for label in ("feed, cold", "on the day feed, cold"):
            (_q1, c1, _w1, n1), (_q2, c2, _w2, n2) = figures[(small, label)], figures[(large, label)]
            print(f"  {label:<18} CPU per event in the feed: {c1 * 1000 / n1:.1f} → {c2 * 1000 / n2:.1f} ms")
    print(
        f"(feed cap EVENTS_FEED_MAX_EVENTS={settings.EVENTS_FEED_MAX_EVENTS}, past {settings.EVENTS_FEED_PAST_DAYS} days)"
    )


if __name__ == "__main__":
    main()
