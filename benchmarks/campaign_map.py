"""The "Around the world" map and the impact dashboard at 100 and 50,000 events, with
100,000 pack downloads: queries and CPU ms per request (constant), map page bytes.

    .venv/bin/python benchmarks/campaign_map.py [sizes...]

Events are spread over 60 countries of one region and the global calendar, one edition.
Downloads go through the cache counters (what a download costs its request) and are moved
into the daily aggregates by the refresh task, which is timed separately: it runs in a
worker, not in a request.
"""

from __future__ import annotations

import datetime
import gzip
import sys
import time
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import bulk_child_pages, count_queries, setup_django  # noqa: E402

SIZES = tuple(int(arg) for arg in sys.argv[1:]) or (100, 50_000)
DOWNLOADS = 100_000


def cpu_ms(callable_, repeat=3):
    times = []
    for _index in range(repeat):
        start = time.process_time()
        callable_()
        times.append((time.process_time() - start) * 1000)
    return sorted(times)[len(times) // 2]


def main():
    setup_django()
    from django.conf import settings
    from django.test import Client
    from django.utils import timezone, translation
    from django_countries import countries

    from campaign.editions.models import Edition
    from campaign.events.models import EventCalendarPage, EventPage
    from campaign.packs.models import CuratedPack
    from campaign.reach.figures import refresh
    from sid import counters
    from tests.factories import build_site_tree

    translation.activate("en")
    tree = build_site_tree()
    edition = Edition.objects.create(year=2027, theme="Together for a better internet")
    calendar = EventCalendarPage(title="Events", slug="events")
    tree.regions["eu"].add_child(instance=calendar)
    calendar.save_revision().publish()
    world = EventCalendarPage(title="Calendar", slug="calendar")
    tree.home.add_child(instance=world)
    world.save_revision().publish()
    packs = [
        CuratedPack.objects.create(region=tree.regions["eu"], title=f"Pack {n}", slug=f"pack-{n}") for n in range(5)
    ]
    codes = [code for code, _name in countries][:60]
    settings.ALLOWED_HOSTS = ["*"]
    client = Client()
    admin = Client()
    admin.force_login(tree.users["admin"])
    coordinator = Client()
    coordinator.force_login(tree.users["eu-coordinator"])
    zone = zoneinfo.ZoneInfo("Europe/Brussels")
    created = 0
    print(f"{'events':>8} {'page':<26} {'queries':>7} {'cpu ms':>8} {'bytes':>9} {'gzip':>8}")
    for size in SIZES:

        def fields(n, base=created):
            number = base + n
            start = datetime.datetime(2027, 2, 9, 9, tzinfo=zone) + datetime.timedelta(minutes=number % 600)
            return {
                "title": f"Event {number}",
                "slug": f"event-{number}",
                "start": start,
                "end": start + datetime.timedelta(hours=2),
                "time_zone": "Europe/Brussels",
                "country": codes[number % len(codes)],
                "audience": ["teachers"],
                "languages": ["en"],
                "format": ["in_person", "online", "hybrid"][number % 3],
                "edition_id": edition.pk,
            }

        bulk_child_pages(calendar, EventPage, size - created, fields_for=fields)
        created = size
        if size == SIZES[-1]:
            start = time.process_time()
            for number in range(DOWNLOADS):
                pack = packs[number % len(packs)].pk if number % 3 else None
                counters.count(counters.PACK_DOWNLOADS, counters.pack_key(pack, ["en", "fr", "de"][number % 3]))
            per_count = (time.process_time() - start) * 1000 / DOWNLOADS
            print(f"{DOWNLOADS} downloads counted: {per_count:.3f} CPU ms each on the request (one cache increment)")
        start = time.process_time()
        refresh(timezone.now().date())
        print(f"{size:>8} refresh task (worker, not a request): {(time.process_time() - start) * 1000:.0f} CPU ms")
        pages = {
            "map (global, en)": (client, "/en/calendar/map/"),
            "map (global, ar)": (client, "/ar/calendar/map/"),
            "map (Europe, en)": (client, "/en/europe/events/map/"),
            "dashboard (administrator)": (admin, "/admin/reach/?edition=2027"),
            "dashboard (coordinator)": (coordinator, "/admin/reach/?edition=2027"),
            "export csv (coordinator)": (coordinator, "/admin/reach/export/csv/?edition=2027"),
            "export xlsx (coordinator)": (coordinator, "/admin/reach/export/xlsx/?edition=2027"),
        }
        for name, (who, url) in pages.items():
            who.get(url)  # warm per-process caches

            def get(who=who, url=url):
                return who.get(url)

            queries, response = count_queries(get)
            assert response.status_code == 200, (url, response.status_code)
            ms = cpu_ms(get)
            body = response.content
            print(f"{size:>8} {name:<26} {queries:>7} {ms:>8.0f} {len(body):>9} {len(gzip.compress(body)):>8}")


if __name__ == "__main__":
    main()
