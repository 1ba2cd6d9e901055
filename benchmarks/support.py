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


def postgres_database(url: str, fresh: bool) -> None:
    """Create the PostgreSQL database ``url`` names if it is missing; with ``fresh``, drop it
    first, so a run never measures rows an earlier run left. Only a database whose name ends
    in ``_bench`` is ever dropped."""
    import psycopg

    name = url.rsplit("/", 1)[1].split("?")[0]
    server = url.rsplit("/", 1)[0].replace("postgres://", "postgresql://") + "/postgres"
    with psycopg.connect(server, autocommit=True) as conn:
        if fresh and name.endswith("_bench"):
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def setup_django(settings_module: str = "sid.settings.test") -> None:
    """Configure Django on a fresh temporary SQLite database, or on DATABASE_URL (a PostgreSQL
    database named ``*_bench`` is dropped and created again), and migrate."""
    # Not this folder (already used to import this module): a script named like a standard
    # library module (the calendar benchmark once was calendar.py) would shadow it.
    sys.path[:] = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    if "DATABASE_URL" not in os.environ:
        path = Path(tempfile.mkdtemp(prefix="sid-bench-")) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    elif os.environ["DATABASE_URL"].startswith("postgres"):
        postgres_database(os.environ["DATABASE_URL"], fresh=True)
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

    The rows are written as loaddata writes them (no ``Page.save()``, whose per-sibling slug
    checks in ten languages made 10,000 pages take minutes), with one multi-row statement
    per table and batch. Building a model instance per row cost more than the inserts, so
    only the first page is built as a model instance; the others are its column values with
    each row's own fields written over them, the way the first one's constructor wrote
    them (checked against the first page: a mismatch stops the benchmark).
    """
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils import translation
    from modeltranslation.translator import NotRegistered, translator
    from modeltranslation.utils import build_localized_fieldname
    from wagtail.models import Page

    from translations.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

    parent = Page.objects.get(pk=parent.pk)
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    next_number = (int(last.path[-Page.steplen :], 36) + 1) if last else 1
    try:
        translated = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        translated = set()
    # A plain translated name (``title``) means the default language's text, whatever
    # language a request left active.
    language = DEFAULT_LANGUAGE
    fields = {field.attname: field for field in model._meta.concrete_fields}

    def own_values(offset: int) -> dict:
        number = next_number + offset
        values = {"title": f"Page {number}", "slug": f"page-{number}"}
        values.update(fields_for(offset))
        return values

    def computed(values: dict, number: int) -> dict:
        """The tree and URL columns of the page with these column values."""
        slug = values["slug"]
        extra = {
            "path": parent.path + Page._get_basepath(None, 0) + _encode(number, Page.steplen),
            "url_path": f"{parent.url_path}{slug}/",
            "draft_title": values["title"],
        }
        for code in LANGUAGE_CODES:
            own_slug = values.get(build_localized_fieldname("slug", code)) or slug
            parent_path = getattr(parent, build_localized_fieldname("url_path", code), None) or parent.url_path
            extra[build_localized_fieldname("url_path", code)] = f"{parent_path}{own_slug}/"
        return extra

    def instance_row(offset: int) -> dict:
        page = model(
            depth=parent.depth + 1,
            numchild=0,
            content_type=content_type,
            live=live,
            has_unpublished_changes=not live,
            locale_id=parent.locale_id,
            **own_values(offset),
        )
        row = {name: getattr(page, name) for name in fields}
        row.update(computed(row, next_number + offset))
        return row

    with translation.override(language):
        first = instance_row(0)
        blank = model(depth=parent.depth + 1, title="", slug="")
    defaults = {name: first[name] for name in fields}
    fresh = [name for name, field in fields.items() if field.has_default() and callable(field.default)]

    def fast_row(offset: int) -> dict:
        row = dict(defaults)
        for name in fresh:
            row[name] = fields[name].get_default()  # e.g. a new translation_key per page
        for name, value in own_values(offset).items():
            if name in translated:
                # The constructor writes a plain translated name into the active language's
                # column, and the column without a suffix (what modeltranslation reads).
                row[name] = row[build_localized_fieldname(name, language)] = value
            else:
                row[fields[name].attname if name in fields else model._meta.get_field(name).attname] = value
        row.update(computed(row, next_number + offset))
        return row

    # Columns a row does not name keep the model's defaults, not the first row's values.
    for key in own_values(0):
        for name in (key, *_columns(key, translated, language)):
            if name in defaults:
                defaults[name] = getattr(blank, name)
    check = fast_row(0)
    kept_fresh = set(fresh) - set(own_values(0))  # new for each page, so not compared
    differing = sorted(name for name in first if name not in kept_fresh and check.get(name) != first[name])
    if differing or set(check) != set(first):
        raise AssertionError(f"bulk_child_pages: rows differ from the model's own in {differing}")

    start_id = (Page.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    ids = list(range(start_id, start_id + count))
    rows = []
    for offset, pk in enumerate(ids):
        row = first if offset == 0 else fast_row(offset)
        row["id"] = pk
        for table in [model, *model._meta.get_parent_list()]:
            for link in table._meta.parents.values():
                row[link.attname] = pk
        rows.append(row)
    tables = [Page, *[m for m in reversed(model._meta.get_parent_list()) if m is not Page]]
    if model is not Page:
        tables.append(model)
    with transaction.atomic():
        for table in tables:
            _insert_rows(table, rows)
        Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + count)
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), [Page]):
                cursor.execute(statement)  # PostgreSQL: the next page saved gets a new id
    return ids


def _columns(name: str, translated: set, language: str) -> tuple:
    from modeltranslation.utils import build_localized_fieldname

    return (build_localized_fieldname(name, language),) if name in translated else ()


def _insert_rows(model, rows: list[dict]) -> None:
    """Insert ``rows`` (attname: value) into ``model``'s own table, many rows per statement."""
    from django.db import connection

    fields = list(model._meta.local_concrete_fields)
    prepared = []
    for row in rows:
        prepared.append([field.get_db_prep_save(row[field.attname], connection) for field in fields])
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    batch = max(1, min(500, 30_000 // len(fields)))
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), batch):
            chunk = prepared[start : start + batch]
            placeholders = ", ".join(["(" + ", ".join(["%s"] * len(fields)) + ")"] * len(chunk))
            # Names quoted by the backend, every value a parameter.
            statement = f"INSERT INTO {table} ({columns}) VALUES {placeholders}"  # noqa: S608
            cursor.execute(statement, [value for values in chunk for value in values])


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


def cpu_and_wall(callable_, repeat: int = 7) -> tuple[float, float]:
    """(median CPU seconds of this process, median wall seconds) of ``repeat`` calls.

    With SQLite the database works inside this process, so its work is in the CPU time;
    with PostgreSQL it is not (it is in the wall time)."""
    cpu, wall = [], []
    for _ in range(repeat):
        wall_start, cpu_start = time.perf_counter(), time.process_time()
        callable_()
        cpu.append(time.process_time() - cpu_start)
        wall.append(time.perf_counter() - wall_start)
    return statistics.median(cpu), statistics.median(wall)


def calendar_site():
    """The standard test tree, the 2027 edition and a published calendar ("Events") under Europe.

    Returns (tree, calendar); English is active and the test client may use any host."""
    from django.conf import settings
    from django.utils import translation

    from campaign.editions.models import Edition
    from campaign.events.models import EventCalendarPage
    from tests.factories import build_site_tree

    translation.activate("en")
    tree = build_site_tree()
    Edition.objects.create(year=2027, theme="Together for a better internet")
    calendar = EventCalendarPage(title="Events", slug="events")
    tree.regions["eu"].add_child(instance=calendar)
    calendar.save_revision().publish()
    settings.ALLOWED_HOSTS = ["*"]
    return tree, calendar
