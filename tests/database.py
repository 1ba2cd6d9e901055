"""The migrated test database, kept as it was after migrating and given back after a
transactional test.

A transactional test (``transaction=True``, ``transactional_db``, ``live_server``) commits,
and Django empties every table after it: the rows the migrations wrote (Wagtail's root page
and locale, groups, collections, the default site) are gone and the tables' sequences have
moved on, so every later test on that worker met another database than the first ones did,
and the standard test data (tests/replay.py) was built for real again for each such state.
On SQLite the migrated database is copied once (SQLite's backup API, in memory,
milliseconds) and copied back after each transactional test: later tests meet the database
exactly as migrated, whichever worker ran what before them.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import sqlite3
from pathlib import Path

import pytest
from django.db import connection

_pristine: sqlite3.Connection | None = None


def keep() -> None:
    """Copy the migrated database (SQLite only; other engines keep Django's behaviour)."""
    global _pristine
    if connection.vendor != "sqlite":
        return
    connection.ensure_connection()
    copy = sqlite3.connect(":memory:")
    connection.connection.backup(copy)
    _pristine = copy


def restore() -> None:
    """Put the migrated database back (after a transactional test emptied it)."""
    if _pristine is None or connection.vendor != "sqlite":
        return
    if connection.in_atomic_block:
        raise RuntimeError("the migrated database is restored between tests, outside any transaction")
    connection.ensure_connection()
    _pristine.backup(connection.connection)


def transactional(item) -> bool:
    """Whether pytest-django runs ``item`` as a TransactionTestCase (it commits, then flushes)."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.fixtures import validate_django_db

    cls = getattr(item, "cls", None)
    if cls is not None and issubclass(cls, TransactionTestCase):
        return not issubclass(cls, TestCase)
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    names = getattr(item, "fixturenames", ())
    return any(name in names for name in ("transactional_db", "live_server", "django_db_reset_sequences"))


# -- the migrated database, cached between runs ----------------------------------------------
# Migrating the test database costs each worker about 20 s of CPU, every run. The migrated
# database is the same as long as the code and the installed packages are: it is kept in
# pytest's cache folder (.pytest_cache, never committed) under a digest of every Python file of
# the project outside tests/ (migrations, models and the post-migrate handlers they run), the
# installed distributions' versions and the database settings, and copied in instead of
# migrating when the digest matches. Any change to them migrates for real (and caches again);
# ``pytest --cache-clear`` or ``SID_TEST_NO_DB_CACHE=1`` migrates regardless.

_SKIPPED_FOLDERS = {".venv", "node_modules", "tests", ".git", ".pytest_cache", "media", "staticfiles", "__pycache__"}


def _migrated_key() -> str:
    import importlib.metadata
    import sys

    import django
    from django.conf import settings

    digest = hashlib.blake2b(digest_size=20)
    database = settings.DATABASES["default"]
    digest.update(repr((sys.version, django.__version__, database["ENGINE"], database.get("TEST", {}))).encode())
    versions = sorted((dist.metadata["Name"] or "", dist.version) for dist in importlib.metadata.distributions())
    digest.update(repr(versions).encode())
    base = Path(settings.BASE_DIR)
    for path in sorted(_python_files(base)):
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _python_files(folder: Path):
    for entry in folder.iterdir():
        if entry.is_dir():
            if entry.name not in _SKIPPED_FOLDERS and not entry.name.startswith("."):
                yield from _python_files(entry)
        elif entry.suffix == ".py":
            yield entry


@contextlib.contextmanager
def migrated_from_cache(cache_folder: Path | None):
    """While pytest-django creates the test database: its first ``migrate`` copies in the
    database cached for this code, or migrates and caches the result."""
    from django.core import management

    if cache_folder is None or connection.vendor != "sqlite" or os.environ.get("SID_TEST_NO_DB_CACHE"):
        yield
        return
    real_call_command = management.call_command
    cached = cache_folder / f"migrated-{_migrated_key()}.sqlite3"

    def call_command(name, *args, **options):
        if name != "migrate":
            return real_call_command(name, *args, **options)
        management.call_command = real_call_command  # only the test database's own migrate
        # One worker migrates and caches; the others wait for it and copy (each migrating
        # too cost the same wall time and twice the CPU: on CI, beside the services suite).
        with open(cache_folder / "migrating.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            return copy_or_migrate(name, *args, **options)

    def copy_or_migrate(name, *args, **options):
        if cached.exists():
            source = sqlite3.connect(cached)
            try:
                connection.ensure_connection()
                source.backup(connection.connection)
            finally:
                source.close()
            return None
        result = real_call_command(name, *args, **options)
        for old in cache_folder.glob("migrated-*.sqlite3"):
            old.unlink(missing_ok=True)
        partial = cache_folder / f"{cached.name}.{os.getpid()}"
        target = sqlite3.connect(partial)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        os.replace(partial, cached)
        return result

    management.call_command = call_command
    try:
        yield
    finally:
        management.call_command = real_call_command


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """pytest-django creates the test database: from the cached migrated one when the code
    has not changed since. (A plugin, listed in the root conftest: session fixtures' hooks
    are not asked of tests/conftest.py.)"""
    if fixturedef.argname != "django_db_setup" or fixturedef.func.__module__ != "pytest_django.fixtures":
        return (yield)
    cache = getattr(request.config, "cache", None)
    with migrated_from_cache(cache.mkdir("sid-test-database") if cache else None):
        return (yield)
