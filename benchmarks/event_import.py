"""Bulk event upload and recurring events: figures.

1. A partner's spreadsheet of N rows (default 5,000, the most one upload accepts): the dry
   run (read, validate every row, duplicate hints) and the import (every row a draft event in
   moderation, one transaction, as the outbox task runs it): seconds and peak Python memory.
   And the upload request itself: a file over EVENTS_UPLOAD_BACKGROUND_ROWS is only stored and
   queued (its dry run is the outbox task), so the request must take the same time whatever the
   number of rows; below the threshold the request checks the file itself.
2. Calendar views with 100 and 10,000 recurring events (weekly, 10 occurrences each):
   queries and median time. Queries must not grow with the number of events or occurrences.

    python benchmarks/event_import.py            # 5,000 rows
    python benchmarks/event_import.py 5000 500 100 10000   # dry run 5,000, import 500, views at 100 and 10,000
    python benchmarks/event_import.py 1000 0 100   # upload requests up to 1,000 rows, no import
"""

from __future__ import annotations

import datetime
import sys
import time
import tracemalloc
import zoneinfo
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import bulk_child_pages, calendar_site, count_queries, measure, setup_django  # noqa: E402

ZONES = ["Europe/Brussels", "Europe/Paris", "Europe/Berlin", "Europe/Lisbon"]
SIZES = (100, 10_000)
# python benchmarks/event_import.py ROWS [RECURRING...]: smaller runs first.


def timed(callable_):
    tracemalloc.start()
    start = time.perf_counter()
    result = callable_()
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak / 1024 / 1024


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    imported = int(sys.argv[2]) if len(sys.argv) > 2 else rows
    sizes = tuple(int(arg) for arg in sys.argv[3:]) or SIZES
    setup_django()
    from unittest import mock

    from django.test import Client
    from django.utils import timezone

    from campaign.events.bulk.checking import check_file
    from campaign.events.bulk.importing import import_upload
    from campaign.events.models import EventCalendarPage, EventOccurrence, EventPage, EventUpload
    from campaign.events.models import occurrence as stored_occurrences
    from campaign.events.recurrence import Repeat, occurrences
    from tests.fixtures.event_spreadsheets import GOOD_ROWS, csv_file

    tree, calendar = calendar_site()
    now = datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC)

    # -- 1. import -------------------------------------------------------------------------
    day = datetime.date(2027, 2, 1)
    spreadsheet = [
        dict(
            GOOD_ROWS[0],
            title=f"Workshop {n} in school {n % 97}",
            start=day + datetime.timedelta(days=n % 300),
            time_zone=ZONES[n % len(ZONES)],
        )
        for n in range(rows)
    ]
    filename, data = csv_file(spreadsheet, "fr", delimiter=";")
    with mock.patch.object(timezone, "now", return_value=now):
        report, check_seconds, check_mb = timed(lambda: check_file(data, filename, "fr", "SIC", "sic@example.org"))
        assert not report.refused, report.refused
        upload = EventUpload.objects.create(
            calendar=calendar,
            organisation="SIC",
            contact_email="sic@example.org",
            language="fr",
            rows=report.rows[:imported],
            token_hash="b" * 64,
        )
        created, import_seconds, import_mb = timed(lambda: import_upload(upload.pk))
    print(f"file: {rows} rows, {len(data) / 1024:.0f} KiB CSV; imported: the first {imported}")
    print(f"{'step':<28} {'seconds':>8} {'peak MiB':>9} {'rows/s':>8}")
    print(f"{'dry run (check_file)':<28} {check_seconds:>8.1f} {check_mb:>9.1f} {rows / check_seconds:>8.0f}")
    print(f"{'import (one transaction)':<28} {import_seconds:>8.1f} {import_mb:>9.1f} {created / import_seconds:>8.0f}")
    print(
        f"created {created} draft events in moderation; statuses: "
        f"{ {s: report.count(s) for s in ('new', 'duplicate', 'error')} }"
    )

    # -- 1b. the upload request, immediate and background ---------------------------------------
    upload_request(calendar, spreadsheet, now)

    # -- 2. month view with recurring events ---------------------------------------------------
    recurring = EventCalendarPage(title="Recurring", slug="recurring")
    tree.regions["eu"].add_child(instance=recurring)
    recurring.save_revision().publish()
    client = Client()
    made = 0
    print(f"\n{'recurring':>9} {'occurrences':>11} {'view':<16} {'queries':>7} {'median ms':>10}")
    for size in sizes:

        def fields(n, base=made):
            number = base + n
            tz = zoneinfo.ZoneInfo(ZONES[number % len(ZONES)])
            start = datetime.datetime.combine(
                day + datetime.timedelta(days=number % 28), datetime.time(9 + number % 9), tz
            )
            return {
                "title": f"Club {number}",
                "slug": f"club-{number}",
                "start": start,
                "end": start + datetime.timedelta(hours=1),
                "time_zone": tz.key,
                "country": ["BE", "FR", "DE"][number % 3],
                "repeat": Repeat.WEEKLY,
                "repeat_count": 10,
            }

        ids = bulk_child_pages(recurring, EventPage, size - made, fields_for=fields)
        made = size
        # Raw bulk inserts skip EventPage.save(): write their occurrences as save() would.
        stored_occurrences.write(
            (page.pk, start, end, page.time_zone, cancelled)
            for page in EventPage.objects.filter(pk__in=ids).defer_streamfields().iterator()
            for start, end, cancelled in occurrences(page)
        )
        total = EventOccurrence.objects.filter(event__in=EventPage.objects.child_of(recurring)).count()
        urls = {
            "month": "/en/europe/recurring/month/2027/3/",
            "upcoming": "/en/europe/recurring/",
            "on the day": "/en/europe/recurring/on-the-day/",
            "countries": "/en/europe/recurring/countries/",
        }
        with mock.patch.object(timezone, "now", return_value=now):
            for name, url in urls.items():
                client.get(url)
                queries, response = count_queries(lambda url=url: client.get(url))
                assert response.status_code == 200, (url, response.status_code)
                seconds, _response = measure(lambda url=url: client.get(url), repeat=3)
                print(f"{size:>9} {total:>11} {name:<16} {queries:>7} {seconds * 1000:>10.0f}")


def upload_request(calendar, spreadsheet, now):
    """POST the partner's upload form: seconds and queries of the request, then the background
    dry run's own time. The broker is replaced by a no-op (as with a real broker, the request
    only writes the outbox row); the task then runs here, as a worker would."""
    from unittest import mock

    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.utils import timezone, translation

    from campaign.events.bulk.background import run_check
    from campaign.events.models import EventUpload, UploadStatus
    from tests.fixtures.event_spreadsheets import csv_file, xlsx_file

    threshold = settings.EVENTS_UPLOAD_BACKGROUND_ROWS
    with translation.override("en"):
        url = calendar.url + "submit/upload/"
    client = Client()
    sizes = sorted({min(threshold, len(spreadsheet)), min(threshold + 50, len(spreadsheet)), len(spreadsheet)})
    print(f"\nupload request (EVENTS_UPLOAD_BACKGROUND_ROWS={threshold})")
    print(f"{'rows':>6} {'file':<5} {'path':<11} {'request s':>9} {'queries':>7} {'task s':>7} {'rows/s':>7}")
    for size in sizes:
        for kind, build in (("csv", csv_file), ("xlsx", xlsx_file)):
            filename, data = build(spreadsheet[:size], "en")
            fields = {"organisation": "SIC", "contact_email": "sic@example.org"}

            def post(filename=filename, data=data, fields=fields):
                return client.post(url, fields | {"file": SimpleUploadedFile(filename, data)})

            with mock.patch.object(timezone, "now", return_value=now), mock.patch("outbox.core.send"):
                start = time.perf_counter()
                queries, response = count_queries(post)
                seconds = time.perf_counter() - start
                assert response.status_code == 302, response.status_code
                upload = EventUpload.objects.latest("pk")
                background = upload.status == UploadStatus.CHECKING
                task = ""
                if background:
                    start = time.perf_counter()
                    assert run_check(upload.pk) == "checked"
                    took = time.perf_counter() - start
                    task = f"{took:>7.1f} {size / took:>7.0f}"
            path = "background" if background else "immediate"
            print(f"{size:>6} {kind:<5} {path:<11} {seconds:>9.2f} {queries:>7} {task}")


if __name__ == "__main__":
    main()
