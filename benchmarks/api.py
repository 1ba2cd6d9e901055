"""Read API and embeds at 100 and 10,000 items: queries must stay constant, time printed.

    python benchmarks/api.py            (100 and 10,000 items)
    python benchmarks/api.py 20 200     (other sizes, for a quick look)

Events (in twelve time zones) and resources (with the facet rows publishing writes) are
created in bulk under Europe's calendar and library; each listing is fetched plain, in
French with the site's filters, at the first and a far page, and in detail; the embeds of
the same calendar and library too. The help directory and editions are bounded by nature
(a country each, an edition a year) and are measured at their own size.
"""

from __future__ import annotations

import datetime
import sys
import zoneinfo

from support import bulk_child_pages, count_queries, measure, setup_django

setup_django()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import translation  # noqa: E402

from campaign.editions.models import Edition  # noqa: E402
from campaign.events.models import EventCalendarPage, EventPage  # noqa: E402
from campaign.events.models import occurrence as stored_occurrences  # noqa: E402
from campaign.helplines.models import CountryHelp, Helpline  # noqa: E402
from sitecontent.library.indexing import LISTED, write_facets  # noqa: E402
from sitecontent.models import LibraryFacet, ResourcePage  # noqa: E402
from tests.factories import build_site_tree  # noqa: E402
from tests.library import factories as f  # noqa: E402

SIZES = tuple(int(size) for size in sys.argv[1:]) or (100, 10_000)
ZONES = ["Europe/Brussels", "America/Mexico_City", "Asia/Tokyo", "Pacific/Auckland", "Africa/Nairobi", "Asia/Kolkata"]
TOPICS = ["grooming", "privacy", "scams", "cyberbullying"]
AGES = ["5-8", "9-12", "13-15", "16-18"]
FORMATS = ["lesson_plan", "poster", "activity", "quiz"]
DAY = datetime.date(2027, 2, 9)


def add_events(calendar, first: int, count: int) -> list[int]:
    def fields(n):
        number = first + n
        zone = zoneinfo.ZoneInfo(ZONES[number % len(ZONES)])
        start = datetime.datetime.combine(DAY + datetime.timedelta(days=number % 300), datetime.time(9), zone)
        return {
            "title": f"Event {number}",
            "slug": f"event-{number}",
            "title_fr": f"Événement {number}" if number % 2 else None,
            "description": "Workshop for parents and teachers. " * 3,
            "start": start,
            "end": start + datetime.timedelta(hours=2),
            "time_zone": zone.key,
            "country": ["BE", "FR", "DE"][number % 3],
            "audience": ["parents"] if number % 2 else ["teachers"],
            "age_bands": ["13-15"],
            "languages": ["en", "fr"],
        }

    ids = bulk_child_pages(calendar, EventPage, count, fields)
    # Raw bulk inserts skip EventPage.save(): write the one occurrence each as save() would
    # (listings read occurrences; without them every listing would measure an empty result).
    stored_occurrences.write(
        (pk, start, end, zone_name, False)
        for pk, start, end, zone_name in EventPage.objects.filter(pk__in=ids).values_list(
            "pk", "start", "end", "time_zone"
        )
    )
    return ids


def add_resources(index, first: int, count: int) -> list[int]:
    def fields(n):
        number = first + n
        return {
            "title": f"Resource {number}",
            "slug": f"resource-{number}",
            "title_fr": f"Ressource {number}" if number % 2 else None,
            "summary": f"Summary {number}",
            "summary_en": f"Summary {number}",
            "format": FORMATS[number % 4],
            "age_bands": [AGES[number % 4]],
            "audiences": ["teachers"],
        }

    ids = bulk_child_pages(index, ResourcePage, count, fields)
    facets = []
    for n, page_id in enumerate(ids):
        number = first + n
        for facet, value in (
            (LISTED, ""),
            ("topic", TOPICS[number % 4]),
            ("age", AGES[number % 4]),
            ("format", FORMATS[number % 4]),
            ("audience", "teachers"),
            ("language", "en"),
            ("region", "eu"),
        ):
            facets.append(LibraryFacet(page_id=page_id, facet=facet, value=value, region="eu"))
        if number % 2:
            facets.append(LibraryFacet(page_id=page_id, facet="language", value="fr", region="eu"))
    write_facets(facets)  # the facet rows and their kept counts
    return ids


def main():
    translation.activate("en")
    settings.SID_API_RATE = "1000000/m"  # the benchmark is one visitor asking a lot
    settings.ALLOWED_HOSTS = ["*"]
    tree = build_site_tree()
    for slug in TOPICS:
        f.topic(slug, {"en": slug.title(), "fr": slug.title() + " (fr)"})
    calendar = EventCalendarPage(title="Events", slug="events")
    tree.regions["eu"].add_child(instance=calendar)
    calendar.save_revision().publish()
    library = f.library(tree.regions["eu"], "Library", slug="library")
    for year in range(2005, 2028):
        Edition.objects.create(year=year, theme=f"Theme {year}")
    for code in ("BE", "FR", "DE", "ES", "IT", "NL", "PT", "PL", "SE", "MX", "BR", "JP", "IN", "KE"):
        entry = CountryHelp.objects.create(country=code, centre_name=f"Centre {code}")
        for number in range(3):
            Helpline.objects.create(entry=entry, name=f"Line {code} {number}", phone="116 111", sort_order=number)
    client = Client()
    created_events = created_resources = 0
    event_ids, resource_ids = [], []
    print(f"{'items':>7} {'request':<58} {'queries':>7} {'median ms':>10} {'total':>7}")
    for size in SIZES:
        event_ids += add_events(calendar, created_events, size - created_events)
        resource_ids += add_resources(library, created_resources, size - created_resources)
        created_events = created_resources = size
        urls = [
            "/api/v2/events/",
            "/api/v2/events/?lang=fr&region=eu&country=BE&audience=parents&date_from=2027-02-01",
            "/api/v2/events/?lang=ar&limit=100&offset=" + str(max(0, size - 100)),
            f"/api/v2/events/{event_ids[-1]}/?lang=fr",
            "/api/v2/resources/",
            "/api/v2/resources/?lang=fr&region=eu&topic=grooming&age=5-8&language=en",
            "/api/v2/resources/?lang=ja&limit=100&offset=" + str(max(0, size - 100)),
            f"/api/v2/resources/{resource_ids[-1]}/?lang=fr",
            "/api/v2/case-cards/?lang=fr",
            "/api/v2/help/?lang=fr&limit=100",
            "/api/v2/editions/?lang=fr",
            "/fr/embed/calendar/?region=eu&country=BE",
            "/fr/embed/library/?region=eu&topic=grooming",
        ]
        for url in urls:
            assert client.get(url).status_code == 200, url
            queries, response = count_queries(lambda url=url: client.get(url))
            total = response.json()["meta"].get("total_count", "") if url.startswith("/api/") else ""
            if url in ("/api/v2/events/", "/api/v2/resources/"):
                assert total == size, f"{url} lists {total} of {size} items: the benchmark would measure nothing"
            seconds, _ = measure(lambda url=url: client.get(url), repeat=5)
            print(f"{size:>7} {url[:58]:<58} {queries:>7} {seconds * 1000:>10.1f} {total!s:>7}")


if __name__ == "__main__":
    main()
