"""Small values read from the database on every page served, kept in Django's default cache.

The default cache is shared by every process (Redis in production), so a value changed in one
process is read afresh by all of them at their next request. The receiver of the change
calls ``changed()``, which drops the value's version at once and again when the transaction
commits; a reader that finds no version starts a new one, and an entry stored under another
version is read again from the database. The version is read before the database, so an
entry written by a request that read the database before the commit is never taken for
the new one.

Without a transaction around the change (the admin's, as Django runs without
ATOMIC_REQUESTS) the change is committed when it is made. Inside one, a read made by the
same transaction before it commits is stored as the others are (tests build their data in a
transaction and count queries); should that transaction then roll back, what it stored
lasts ``timeout`` seconds at most. The same limit bounds what a cache outage leaves behind
(``sid.cache`` answers from process memory meanwhile).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db import transaction


class SharedValue:
    """A value derived from the database, kept for every process (see the module docstring)."""

    #: Every shared value, by name (``forget_all``).
    every: dict[str, SharedValue] = {}

    def __init__(self, name: str, timeout: int = 60):
        self.name = name
        self.timeout = timeout
        self.version_key = f"sid:{name}:version"
        SharedValue.every[name] = self

    def get(self, read: Callable[[], Any], part: object = "") -> Any:
        """The value (of ``part``, for a value kept per site), ``read()`` when the cache holds
        none of the current version."""
        key = f"sid:{self.name}:{part}"
        found = cache.get_many([self.version_key, key])
        version = found.get(self.version_key)
        if version is None:
            cache.add(self.version_key, uuid.uuid4().hex, None)
            version = cache.get(self.version_key)
        entry = found.get(key)
        if entry is not None and version is not None and entry[0] == version:
            return entry[1]
        value = read()
        if version is not None:
            cache.set(key, (version, value), self.timeout)
        return value

    def changed(self) -> None:
        """Read the value again from now on, and again once the current transaction commits."""
        self.forget()
        transaction.on_commit(self.forget, robust=True)

    def forget(self) -> None:
        """Drop the current version now: every entry stored so far is read again."""
        cache.delete(self.version_key)


def forget_all() -> None:
    """Every shared value is read again (tests: the cache outlives a rolled-back test)."""
    cache.delete_many([value.version_key for value in SharedValue.every.values()])
