"""Coverage report cost at 100 and 5,000 published pages in one region.

Prints, per size: queries run by ``region_report`` (must not grow) and its median time, the
queries and time of the whole admin page (the report plus one page of 50 rows) and of the
last page of a status filter, and the time of the backfill (``translation_coverage rebuild``).

    python benchmarks/coverage_report.py

Uses a temporary SQLite database (or DATABASE_URL when set). Half the pages carry a
Portuguese translation with a source stamp, a tenth of those out of date.
"""

from __future__ import annotations

import statistics
import time

from support import setup_django

SIZES = (100, 5000)


def body(n: int) -> list[dict]:
    return [
        {"type": "heading", "id": f"h-{n}", "value": {"text": f"Heading {n}", "level": "h2"}},
        {"type": "paragraph", "id": f"p-{n}", "value": f"<p>Paragraph <b>{n}</b> about staying safe.</p>"},
    ]


def add_pages(region, start: int, count: int) -> None:
    """Raw inserts with correct tree paths (far faster than add_child's sibling checks)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from modeltranslation.utils import build_localized_fieldname
    from wagtail.models import Page

    from sitecontent.models import StandardPage
    from translations.core.languages import LANGUAGE_CODES
    from translations.models import SourceStamp
    from translations.workflow.units import field_fingerprint

    region = Page.objects.get(pk=region.pk)
    last = region.get_last_child()
    next_number = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
    content_type = ContentType.objects.get_for_model(StandardPage)
    stamps = []
    with transaction.atomic():
        for n in range(start, start + count):
            number = next_number + n - start
            page = StandardPage(
                path=region.path + "".join("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[d] for d in _digits(number)),
                depth=region.depth + 1,
                numchild=0,
                content_type=content_type,
                live=True,
                title=f"Page {n}",
                slug=f"page-{n}",
                intro=f"Introduction {n}",
                body=body(n),
                locale_id=region.locale_id,
            )
            if n % 2 == 0:  # half translated into Portuguese
                setattr(page, build_localized_fieldname("title", "pt"), f"Página {n}")
                setattr(page, build_localized_fieldname("intro", "pt"), f"Introdução {n}")
            for code in LANGUAGE_CODES:
                setattr(page, build_localized_fieldname("url_path", code), f"{region.url_path}page-{n}/")
            page.url_path = f"{region.url_path}page-{n}/"
            page.draft_title = page.title
            base = Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
            base.save_base(raw=True, force_insert=True)
            page.pk = page.page_ptr_id = base.pk
            page.save_base(raw=True, force_insert=True)
            if n % 2 == 0:
                source = field_fingerprint(page, "intro", "en")
                stamps.append(
                    SourceStamp(
                        content_type=content_type,
                        object_id=page.pk,
                        field="intro",
                        language="pt",
                        source_hash="0" * 16 if n % 20 == 0 else source,  # a tenth out of date
                        translation_hash=field_fingerprint(page, "intro", "pt"),
                    )
                )
        SourceStamp.objects.bulk_create(stamps)
        Page.objects.filter(pk=region.pk).update(numchild=region.numchild + count)


def _digits(number: int) -> list[int]:
    digits = []
    while number:
        number, remainder = divmod(number, 36)
        digits.insert(0, remainder)
    return [0] * (4 - len(digits)) + digits


def queries_and_time(callable_, repeat: int = 3):
    from django.db import connection, reset_queries

    connection.force_debug_cursor = True
    try:
        reset_queries()
        callable_()
        queries = len(connection.queries)
    finally:
        connection.force_debug_cursor = False
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        callable_()
        timings.append(time.perf_counter() - start)
    return queries, statistics.median(timings)


def main() -> None:
    setup_django()
    from django.test import Client
    from django.test.utils import setup_test_environment

    from tests.factories import build_site_tree
    from translations.workflow.coverage import region_report
    from translations.workflow.coverage_store import rebuild

    setup_test_environment()
    tree = build_site_tree()
    region = tree.regions["latam"]
    client = Client()
    client.force_login(tree.users["latam-coordinator"])
    url = "/admin/translations/?region=latam&language=pt"
    created = 0
    print("Report: counts by one GROUP BY over the stored statuses (translations.workflow.coverage_store).")
    print("Admin page: the report plus one page of 50 rows; last page: status filter, last page of the list.")
    print(
        f"{'pages':>6} {'report queries':>15} {'report time':>12} {'admin page queries':>19}"
        f" {'admin page time':>16} {'last page queries':>18} {'last page time':>15} {'backfill':>9}"
    )
    results = []
    for size in SIZES:
        add_pages(region, created, size - created)
        created = size
        # The pages were inserted raw (no signals): the backfill stores their statuses, as
        # ``manage.py translation_coverage rebuild`` does after a deploy.
        start = time.perf_counter()
        rebuild()
        backfill = time.perf_counter() - start
        # Warm the per-process caches (content types, site, locales) first, so the first size
        # is not charged for lookups every later request gets from memory.
        region_report(region, "pt")
        client.get(url)
        report = region_report(region, "pt")
        last = f"{url}&status=fallback&p={max(1, -(-report.counts['fallback'] // 50))}"
        report_queries, report_time = queries_and_time(lambda: region_report(region, "pt"), repeat=5)
        admin_queries, admin_time = queries_and_time(lambda: client.get(url))
        last_queries, last_time = queries_and_time(lambda last=last: client.get(last))
        results.append((report_queries, admin_queries, last_queries))
        print(
            f"{size:>6} {report_queries:>15} {report_time * 1000:>10.1f}ms {admin_queries:>19}"
            f" {admin_time * 1000:>14.0f}ms {last_queries:>18} {last_time * 1000:>13.0f}ms {backfill:>8.1f}s"
        )
        print(f"        counts in Portuguese: {report.counts}")
    if len(set(results)) != 1:
        raise SystemExit(f"Query counts grew with the number of pages: {results}")


if __name__ == "__main__":
    main()
