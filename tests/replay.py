"""Build standard test data once per process, replay its rows in every later test.

``build_site_tree()`` and ``load_demo_content`` are most of the default suite's time when each
test builds them again. The first time one runs on a given database state, it runs for real
and everything it changed is recorded: the rows of every table (SQLite ``rowid`` and values,
``sqlite_sequence`` included, so later ids are the same), the files it wrote under
``MEDIA_ROOT``, the cache keys it set or deleted and what it printed. Called again on the
*same* database state (the whole database is compared, table by table, through a digest) and
language,
the recorded rows are written back in the test's own transaction, which the test's rollback
undoes as before. The data are the same rows the code wrote, with the same ids; nothing about
what a test sees changes except the time it takes.

Anything else falls back to running the real code (and recording that state too): another
database engine (the services suite's PostgreSQL), no open transaction (transactional tests
and live servers commit, so they build for real), a database that differs (a test that made
pages first, a flushed database after a transactional test), another active language, or
a patched clock. Recorded files are written into the current ``MEDIA_ROOT``. On-commit callbacks the real run registered (outbox sends
by message id) are registered again on replay.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone, translation

# FTS tables are kept by triggers on their base table (Wagtail's and modelsearch's SQLite
# search backends): replaying the base table's rows fires them.
_VIRTUAL = "CREATE VIRTUAL TABLE"


@dataclass
class Recording:
    tables: dict[str, tuple[list[str], list[int], list[tuple]]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    removed_files: list[str] = field(default_factory=list)
    cache_ops: list[tuple] = field(default_factory=list)
    output: list = field(default_factory=list)
    callbacks: list = field(default_factory=list)
    result: object = None


_REAL_NOW = timezone.now
_recordings: dict[tuple, Recording] = {}
_stats = {"recorded": 0, "replayed": 0, "ran": 0}


def stats() -> dict[str, int]:
    return dict(_stats)


def _replayable() -> bool:
    return (
        connection.vendor == "sqlite"
        and connection.in_atomic_block
        and not os.environ.get("SID_TEST_NO_REPLAY")
        and timezone.now is _REAL_NOW  # a test that stops the clock gets timestamps from it
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
        for name in self.METHODS:
            original = getattr(cache, name)
            self.saved[name] = original

            def wrapper(*args, _name=name, _original=original, **kwargs):
                self.ops.append((_name, args, kwargs))
                return _original(*args, **kwargs)

            setattr(cache, name, wrapper)
        return self

    def __exit__(self, *exc):
        # The proxy set the wrappers on this thread's cache object: removing them brings
        # back the class's methods.
        for name in self.saved:
            delattr(cache, name)


def run(name: str, real, freeze=None, thaw=None, output=None):
    """Run ``real()`` once per database state and replay its rows afterwards.

    ``freeze`` turns the real result into something that outlives the rollback (ids), ``thaw``
    turns that back into fresh objects from the replayed rows. ``output`` (a stream) gets
    what the real run wrote to it, again on each replay.
    """
    if not _replayable():
        _stats["ran"] += 1
        return real()
    before = _state()
    key = (name, _digest(before), translation.get_language())
    recording = _recordings.get(key)
    if recording is not None:
        _stats["replayed"] += 1
        return _replay(recording, thaw, output)
    media_before = _files(settings.MEDIA_ROOT)
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
    _stats["recorded"] += 1
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
    media_after = _files(settings.MEDIA_ROOT)
    root = Path(settings.MEDIA_ROOT)
    for path, signature in media_after.items():
        if media_before.get(path) != signature:
            recording.files[path] = (root / path).read_bytes()
    recording.removed_files = [path for path in media_before if path not in media_after]
    recording.output = captured
    recording.result = freeze(result) if freeze else result
    _recordings[key] = recording
    return result


def _replay(recording: Recording, thaw, output):
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
    root = Path(settings.MEDIA_ROOT)
    for path, content in recording.files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    for path in recording.removed_files:
        (root / path).unlink(missing_ok=True)
    for callback, robust in recording.callbacks:
        transaction.on_commit(callback, robust=robust)
    for method, args, kwargs in recording.cache_ops:
        getattr(cache, method)(*args, **kwargs)
    if output is not None:
        for text, args, kwargs in recording.output:
            output.write(text, *args, **kwargs)
    return thaw(recording.result) if thaw else recording.result


class _Ref:
    """A model instance, kept as its class and primary key."""

    def __init__(self, instance):
        self.model, self.pk = type(instance), instance.pk


def freeze(value):
    """Replace model instances in namespaces, dicts, lists and dataclasses by references."""
    from dataclasses import fields, is_dataclass
    from types import SimpleNamespace

    from django.db.models import Model

    if isinstance(value, Model):
        return _Ref(value)
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{k: freeze(v) for k, v in vars(value).items()})
    if isinstance(value, dict):
        return {k: freeze(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(freeze(v) for v in value)
    if is_dataclass(value) and not isinstance(value, type):
        return (type(value), {f.name: freeze(getattr(value, f.name)) for f in fields(value)})
    return value


def thaw(value, _fetched=None):
    """Fresh instances from the database for every reference (one query per model)."""
    from types import SimpleNamespace

    if _fetched is None:
        wanted: dict[type, set] = {}
        _collect(value, wanted)
        _fetched = {}
        for model, pks in wanted.items():
            for obj in model._default_manager.filter(pk__in=pks):
                _fetched[(model, obj.pk)] = obj
    if isinstance(value, _Ref):
        return _fetched[(value.model, value.pk)]
    if isinstance(value, SimpleNamespace):
        return SimpleNamespace(**{k: thaw(v, _fetched) for k, v in vars(value).items()})
    if isinstance(value, dict):
        return {k: thaw(v, _fetched) for k, v in value.items()}
    if isinstance(value, list):
        return [thaw(v, _fetched) for v in value]
    if isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], type) and isinstance(value[1], dict):
        return value[0](**{k: thaw(v, _fetched) for k, v in value[1].items()})
    if isinstance(value, tuple):
        return tuple(thaw(v, _fetched) for v in value)
    return value


def _collect(value, wanted):
    if isinstance(value, _Ref):
        wanted.setdefault(value.model, set()).add(value.pk)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        for v in vars(value).values():
            _collect(v, wanted)
    elif isinstance(value, dict):
        for v in value.values():
            _collect(v, wanted)
    elif isinstance(value, list | tuple):
        for v in value:
            _collect(v, wanted)
