"""The cache is an accelerator, never a dependency.

``ResilientRedisCache`` is Django's own ``RedisCache`` with explicit socket timeouts and a
local fallback: when Redis is down, slow or refuses a command, the call is answered from a
small in-process memory cache instead of raising, and Redis is left alone for
``RETRY_AFTER`` seconds (so a dead or blocked server costs one timeout per interval, not
one per cache call). Each outage is logged once per interval, and its end once.

Everything that reads the default cache on a request path (Wagtail's site lookup, calendar
feeds, django-ratelimit's counters) therefore keeps working through an outage:

- ordinary entries are kept locally for at most ``LOCAL_FALLBACK_MAX_SECONDS`` (a minute),
  so what a process cached during an outage is not served long after it;
- rate-limit counters (keys starting with one of ``LOCAL_FULL_TIMEOUT_PREFIXES``,
  django-ratelimit's ``rl:``) keep their whole window locally: with the shared counter
  unavailable each process enforces the limit on its own, instead of refusing everyone or
  letting everyone through.

Options (in ``CACHES[alias]["OPTIONS"]``, besides redis-py's connection options):
``LOCAL_FALLBACK_MAX_SECONDS``, ``LOCAL_FULL_TIMEOUT_PREFIXES``, ``RETRY_AFTER``,
``LOCAL_MAX_ENTRIES``.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("sid.cache")

#: Per process, per server: Django makes one backend instance per thread, an outage is the
#: same for all of them.
_outages: dict[str, dict] = {}
_outages_lock = threading.Lock()

# What "Redis is not answering" looks like: redis-py's errors (connection refused, timeout,
# a server busy loading or out of memory...) and the socket errors below them.
try:  # redis is a runtime requirement; the import is guarded for the embedded default's tools
    from redis.exceptions import RedisError as _RedisError
except ImportError:  # pragma: no cover
    _RedisError = OSError
CACHE_ERRORS = (_RedisError, OSError, EOFError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.local_max_seconds = options.pop("LOCAL_FALLBACK_MAX_SECONDS", 60)
        self.full_timeout_prefixes = tuple(options.pop("LOCAL_FULL_TIMEOUT_PREFIXES", ()))
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        max_entries = int(options.pop("LOCAL_MAX_ENTRIES", 2000))
        # Explicit timeouts: redis-py waits forever on a blocked server by default.
        options.setdefault("socket_connect_timeout", 0.3)
        options.setdefault("socket_timeout", 0.3)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._location = f"{server}|{params.get('KEY_PREFIX', '')}"
        # LocMemCache instances with the same name share their storage within the process.
        self.local = LocMemCache(
            f"sid-fallback:{self._location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "OPTIONS": {"MAX_ENTRIES": max_entries},
            },
        )
        with _outages_lock:
            self._state = _outages.setdefault(self._location, {"down_until": 0.0, "since": None, "failures": 0})

    # -- the outage state --------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return time.monotonic() >= self._state["down_until"]

    def _failed(self, operation: str, error: Exception) -> None:
        state = self._state
        now = time.monotonic()
        first = state["since"] is None
        state["failures"] += 1
        state["down_until"] = now + self.retry_after
        if first:
            state["since"] = now
        # Once per interval: the first failure, then one line per retry that fails again.
        logger.warning(
            "Cache %s unavailable (%s during %s: %s); answering from local memory, retrying in %.0fs%s",
            self._servers[0].rsplit("@", 1)[-1],
            type(error).__name__,
            operation,
            error,
            self.retry_after,
            "" if first else f" (down {now - state['since']:.0f}s, {state['failures']} failures)",
        )

    def _succeeded(self) -> None:
        state = self._state
        if state["since"] is not None:
            logger.warning(
                "Cache %s available again after %.0fs",
                self._servers[0].rsplit("@", 1)[-1],
                time.monotonic() - state["since"],
            )
            state.update(since=None, failures=0, down_until=0.0)

    def _local_timeout(self, timeout, key=""):
        timeout = self.get_backend_timeout(timeout)
        if self.local_max_seconds is None or str(key).startswith(self.full_timeout_prefixes):
            return timeout
        if timeout is None:
            return self.local_max_seconds
        return min(timeout, self.local_max_seconds)

    def _try(self, operation: str, remote, fallback):
        if self.available:
            try:
                result = remote()
            except CACHE_ERRORS as error:
                self._failed(operation, error)
            else:
                self._succeeded()
                return result
        return fallback()

    # -- the cache API ----------------------------------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "add",
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version),
            lambda: self.local.add(key, value, self._local_timeout(timeout, key), version),
        )

    def get(self, key, default=None, version=None):
        return self._try(
            "get",
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            lambda: self.local.get(key, default, version),
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "set",
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version),
            lambda: self.local.set(key, value, self._local_timeout(timeout, key), version),
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "touch",
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version),
            lambda: self.local.touch(key, self._local_timeout(timeout, key), version),
        )

    def delete(self, key, version=None):
        # Forget the local copy too, so an entry invalidated during an outage is not served.
        self.local.delete(key, version)
        return self._try("delete", lambda: super(ResilientRedisCache, self).delete(key, version), lambda: False)

    def get_many(self, keys, version=None):
        return self._try(
            "get_many",
            lambda: super(ResilientRedisCache, self).get_many(keys, version),
            lambda: self.local.get_many(keys, version),
        )

    def has_key(self, key, version=None):
        return self._try(
            "has_key",
            lambda: super(ResilientRedisCache, self).has_key(key, version),
            lambda: self.local.has_key(key, version),
        )

    def incr(self, key, delta=1, version=None):
        def local_incr():
            try:
                return self.local.incr(key, delta, version)
            except ValueError:
                # The counter lives in Redis, out of reach: count from here, in this process.
                self.local.set(key, delta, self._local_timeout(3600, key), version)
                return delta

        return self._try("incr", lambda: super(ResilientRedisCache, self).incr(key, delta, version), local_incr)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._try(
            "set_many",
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            lambda: self.local.set_many(data, self._local_timeout(timeout), version),
        )

    def delete_many(self, keys, version=None):
        self.local.delete_many(keys, version)
        return self._try(
            "delete_many", lambda: super(ResilientRedisCache, self).delete_many(keys, version), lambda: None
        )

    def clear(self):
        self.local.clear()
        return self._try("clear", lambda: super(ResilientRedisCache, self).clear(), lambda: False)

    # -- health ----------------------------------------------------------------------------
    def ping(self) -> bool:
        """Is Redis answering right now? (Used by /readyz; never raises.)"""
        try:
            ok = bool(self._cache.get_client(write=True).ping())
        except CACHE_ERRORS as error:
            self._failed("ping", error)
            return False
        self._succeeded()
        return ok
