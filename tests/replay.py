"""Build standard test data once per process, replay its rows in every later test.

``build_site_tree()`` and ``load_demo_content`` were most of the default suite's time when
each test built them again. The first time one runs on a given database state, it runs for
real and everything it changed is recorded: the rows of every table (SQLite ``rowid`` and
values, ``sqlite_sequence`` included, so later ids are the same), the files it wrote under
``MEDIA_ROOT`` and ``STORIES_PRIVATE_ROOT``, the cache writes it made, the on-commit
callbacks it registered (outbox sends by message id) and what it printed. Called again on
the *same* database state (the whole database compared through a digest) in the same
language, the recorded rows are written back in the test's own transaction, which the
test's rollback undoes as before, and the rest is repeated. The data are the rows the code
wrote, with the same ids; the objects returned are deep copies of what it returned.

Anything else runs the real code (and records that state too): another database engine
(the services suite's PostgreSQL), no open transaction (transactional tests and live
servers commit, so they build for real), a database that differs (a test that made pages
first), another active language, or another clock: a clock stopped at one instant (``timezone.now``
patched with a fixed ``return_value``) is part of what a recording is kept under, so a build under
that clock is replayed only under that clock; any other patched clock builds for real. After a
transactional test the migrated database is put back (tests/database.py), so replays go on.
``SID_TEST_NO_REPLAY=1`` switches replaying off (to compare, or to rule it out).
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.db import connection, transaction
from django.utils import timezone, translation

# FTS tables are kept by triggers on their base table (Wagtail's and modelsearch's SQLite
# search backends): replaying the base table's rows fires them.
_VIRTUAL = "CREATE VIRTUAL TABLE"


@dataclass
class Recording:
    tables: dict[str, tuple[list[str], list[int], list[tuple]]] = field(default_factory=dict)
    files: dict[tuple[str, str], bytes] = field(default_factory=dict)
    removed_files: list[tuple[str, str]] = field(default_factory=list)
    cache_ops: list[tuple] = field(default_factory=list)
    output: list = field(default_factory=list)
    callbacks: list = field(default_factory=list)
    result: object = None


_REAL_NOW = timezone.now
# Folders whose files a build may write (uploads, renditions, the stories' private pictures).
FILE_ROOTS = ("MEDIA_ROOT", "STORIES_PRIVATE_ROOT")
_recordings: dict[tuple, Recording] = {}


def _clock() -> str | None:
    """The clock a build reads timestamps from: the real one, one stopped at an instant, or
    None for any other (a clock that moves on each call cannot be replayed)."""
    now = timezone.now
    if now is _REAL_NOW:
        return "real"
    if isinstance(now, mock.NonCallableMock) and now.side_effect is None:
        stopped = now.return_value
        if isinstance(stopped, datetime.datetime):
            return stopped.isoformat()
    return None


def _replayable() -> bool:
    return (
        connection.vendor == "sqlite"
        and connection.in_atomic_block
        and not os.environ.get("SID_TEST_NO_REPLAY")
        and _clock() is not None  # a test that moves the clock gets timestamps from it
    )


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        rows = cursor.fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith(_VIRTUAL)]
    names = [
        name
        for name, sql in rows
        if name not in virtual and not any(name.startswith(f"{v}_") for v in virtual) and name != "sqlite_stat1"
    ]
    # Last: inserting rows moves a table's sequence; the recorded value then wins.
    return sorted(names, key=lambda name: name == "sqlite_sequence")


def _read(table: str) -> tuple[list[str], dict[int, tuple]]:
    with connection.cursor() as cursor:
        if table == "sqlite_sequence":
            cursor.execute('SELECT rowid, name, seq FROM "sqlite_sequence"')
        else:
            cursor.execute(f'SELECT rowid, * FROM "{table}"')  # noqa: S608 (table names from sqlite_master)
        columns = [c[0] for c in cursor.description][1:]
        return columns, {row[0]: tuple(row[1:]) for row in cursor.fetchall()}


def _state() -> dict[str, tuple[list[str], dict[int, tuple]]]:
    return {table: _read(table) for table in _tables()}


def _digest(state) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for table, (_columns, rows) in state.items():
        digest.update(table.encode())
        for rowid in sorted(rows):
            digest.update(repr((rowid, rows[rowid])).encode())
    return digest.hexdigest()


def _files(root) -> dict[str, tuple[int, int]]:
    root = Path(root)
    if not root.is_dir():
        return {}
    found = {}
    for path in root.rglob("*"):
        if path.is_file():
            stat = path.stat()
            found[path.relative_to(root).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


class _CacheRecorder:
    """Notes the default cache's writes during a real run, so a replay makes the same ones."""

    METHODS = ("set", "add", "delete", "delete_many", "set_many", "clear", "incr", "decr", "touch")

    def __init__(self, ops):
        self.ops, self.saved = ops, {}

    def __enter__(self):
        self.target = caches[DEFAULT_CACHE_ALIAS]  # this thread's cache object, behind the proxy
        for name in self.METHODS:
            original = getattr(self.target, name)
            # Nested runs (a tree built inside a bigger tree) wrap the outer wrapper.
            self.saved[name] = vars(self.target).get(name)

            def wrapper(*args, _name=name, _original=original, **kwargs):
                self.ops.append((_name, args, kwargs))
                return _original(*args, **kwargs)

            setattr(self.target, name, wrapper)
        return self

    def __exit__(self, *exc):
        for name, saved in self.saved.items():
            if saved is None:
                delattr(self.target, name)
            else:
                setattr(self.target, name, saved)


def built(name: str, builder):
    """``builder()``'s test data, built for real once per database state and replayed after."""
    return run(name, builder)


def run(name: str, real, output=None):
    """Run ``real()`` once per database state and replay its rows afterwards.

    A replay returns a deep copy of what the real run returned, taken as it returned it (model
    instances exactly as the builder left them, unsaved in-memory changes included; Django's
    TestCase hands out ``setUpTestData`` objects the same way). ``output`` (a stream) gets what
    the real run wrote to it, again on each replay.
    """
    if not _replayable():
        return real()
    before = _state()
    key = (name, _digest(before), translation.get_language(), _clock())
    recording = _recordings.get(key)
    if recording is not None:
        return _replay(recording, output)
    files_before = {setting: _files(getattr(settings, setting)) for setting in FILE_ROOTS}
    callbacks_before = len(connection.run_on_commit)
    recording = Recording()
    captured = []
    if output is not None:
        original_write = output.write
        output.write = lambda text="", *a, **k: (captured.append((text, a, k)), original_write(text, *a, **k))[1]
    try:
        with _CacheRecorder(recording.cache_ops):
            result = real()
    finally:
        if output is not None:
            del output.write
    # Work queued for after commit (outbox sends by message id): queued again on replay,
    # where the same ids name the same rows.
    recording.callbacks = [
        (callback, robust) for _sids, callback, robust in connection.run_on_commit[callbacks_before:]
    ]
    after = _state()
    for table, (columns, rows) in after.items():
        old = before.get(table, (columns, {}))[1]
        changed = [rowid for rowid, row in rows.items() if old.get(rowid) != row]
        removed = [rowid for rowid in old if rowid not in rows]
        if changed or removed:
            recording.tables[table] = (columns, changed + removed, [(rowid, *rows[rowid]) for rowid in changed])
    for setting in FILE_ROOTS:
        root = Path(getattr(settings, setting))
        before_files, after_files = files_before[setting], _files(root)
        for path, signature in after_files.items():
            if before_files.get(path) != signature:
                recording.files[(setting, path)] = (root / path).read_bytes()
        recording.removed_files += [(setting, path) for path in before_files if path not in after_files]
    recording.output = captured
    try:
        recording.result = copy.deepcopy(result)
    except Exception:  # noqa: BLE001 (something in it cannot be copied: build for real next time)
        return result
    _recordings[key] = recording
    return result


def _replay(recording: Recording, output):
    with connection.cursor() as cursor:
        for table, (columns, rowids, rows) in recording.tables.items():
            for start in range(0, len(rowids), 500):
                chunk = rowids[start : start + 500]
                marks = ", ".join("%s" for _ in chunk)
                cursor.execute(f'DELETE FROM "{table}" WHERE rowid IN ({marks})', chunk)  # noqa: S608
            if rows:
                names = ", ".join(f'"{c}"' for c in ["rowid", *columns])
                marks = ", ".join("%s" for _ in range(len(columns) + 1))
                cursor.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', rows)  # noqa: S608
    for (name, path), content in recording.files.items():
        target = Path(getattr(settings, name)) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for name, path in recording.removed_files:
        (Path(getattr(settings, name)) / path).unlink(missing_ok=True)
    for callback, robust in recording.callbacks:
        transaction.on_commit(callback, robust=robust)
    for method, args, kwargs in recording.cache_ops:
        getattr(cache, method)(*args, **kwargs)
    if output is not None:
        for text, args, kwargs in recording.output:
            output.write(text, *args, **kwargs)
    return copy.deepcopy(recording.result)
