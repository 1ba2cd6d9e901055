"""Shared set-up for benchmark scripts: a throwaway database and bulk page creation.

A benchmark script does::

    from support import setup_django, bulk_child_pages, measure
    setup_django()                # temporary SQLite database, migrated (or DATABASE_URL)
    ...

Pages are created in bulk with correct tree paths and translated url_paths, far faster
than ``add_child`` (which validates every sibling's slug in ten languages per page), so
10,000-page trees take seconds.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(settings_module: str = "sid.settings.test") -> None:
    """Configure Django on a fresh temporary SQLite database (unless DATABASE_URL is set) and migrate."""
    # Not this folder (already used to import this module): a script named like a standard
    # library module (the calendar benchmark once was calendar.py) would shadow it.
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="sid-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def bulk_child_pages(parent, model, count: int, fields_for=lambda n: {}, live: bool = True) -> list[int]:
    """Create ``count`` children of ``parent`` of page ``model`` in bulk; return their ids.

    ``fields_for(n)`` returns field values for the n-th page (plain and translated names,
    e.g. ``{"title": ..., "slug": ..., "title_fr": ...}``): benchmark data is translation
    tooling, so it may name language columns.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from modeltranslation.utils import build_localized_fieldname
    from wagtail.models import Page

    from translations.languages import LANGUAGE_CODES

    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    next_number = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
    ids = []
    with transaction.atomic():
        for offset in range(count):
            number = next_number + offset
            values = {"title": f"Page {number}", "slug": f"page-{number}"}
            values.update(fields_for(offset))
            page = model(
                path=parent.path + Page._get_basepath(None, 0) + _encode(number, Page.steplen),
                depth=parent.depth + 1,
                numchild=0,
                content_type=content_type,
                live=live,
                has_unpublished_changes=not live,
                locale_id=parent.locale_id,
                **values,
            )
            for code in LANGUAGE_CODES:
                slug = getattr(page, build_localized_fieldname("slug", code), None) or page.slug
                parent_path = getattr(parent, build_localized_fieldname("url_path", code), None) or parent.url_path
                setattr(page, build_localized_fieldname("url_path", code), f"{parent_path}{slug}/")
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.draft_title = page.title
            # Raw saves write one table each (as loaddata does), skipping Page.save()'s
            # per-sibling slug checks: first the wagtailcore_page row, then the model's own.
            base = Page(**{f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
            base.save_base(raw=True, force_insert=True)
            if model is not Page:
                page.pk = page.page_ptr_id = base.pk
                page.save_base(raw=True, force_insert=True)
            ids.append(base.pk)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
    return ids


def _encode(number: int, length: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    digits = ""
    while number:
        number, remainder = divmod(number, 36)
        digits = alphabet[remainder] + digits
    return digits.rjust(length, "0")


def count_queries(callable_):
    """Queries run by ``callable_`` (a test-client request resets the log when it starts)."""
    from django.db import connection, reset_queries

    connection.force_debug_cursor = True
    try:
        reset_queries()
        result = callable_()
        return len(connection.queries), result
    finally:
        connection.force_debug_cursor = False


def measure(callable_, repeat: int = 5):
    """Run ``callable_`` ``repeat`` times; return (median seconds, last result)."""
    timings, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = callable_()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings), result
