"""Counting visits and downloads at no cost to the public request: one cache increment.

``count(metric, key)`` adds one to a counter in the cache (Redis in production: an atomic
``INCR``, no database write, nothing about the visitor: no cookie, no address, no agent).
The beat task (``campaign.reach.tasks``) moves the counters into ``DailyFigure`` rows in
one batch, taking away exactly what it moved (``decr``), so a visit counted meanwhile is
kept for the next batch. Keys are bounded (a country code, a pack and a language), so the
flush knows every counter it may find without listing the cache.

It sits below every app: the views that count (packs, helplines) and the figures that read
the counts (``campaign.reach``) both import it, and the reach figures list the packs.
"""

from __future__ import annotations

import datetime
import logging

from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

HELP_VISITS = "help_visits"
PACK_DOWNLOADS = "pack_downloads"
#: Counters outlive the days the flush may still collect.
TTL = 4 * 24 * 3600


def cache_key(metric: str, day: datetime.date, key: str) -> str:
    return f"reach:{metric}:{day.isoformat()}:{key}"


def count(metric: str, key: str) -> None:
    """Add one; never fails the request (a cache outage loses a count, nothing else)."""
    name = cache_key(metric, timezone.now().date(), key)
    try:
        cache.add(name, 0, timeout=TTL)
        cache.incr(name)
    except Exception:  # noqa: BLE001 (counting is best effort; the page is what matters)
        logger.debug("Could not count %s", name, exc_info=True)


def pack_key(pack_id: int | None, language: str) -> str:
    """A curated pack (0: a teacher's own selection) in one language."""
    return f"{pack_id or 0}.{language}"


def take(metric: str, day: datetime.date, keys) -> dict[str, int]:
    """The counts waiting for ``keys`` on ``day``, removed from the cache as they are taken."""
    names = {cache_key(metric, day, key): key for key in keys}
    found = cache.get_many(list(names))
    taken = {}
    for name, value in found.items():
        if value:
            try:
                cache.decr(name, value)
            except ValueError:
                continue  # expired meanwhile
            taken[names[name]] = value
    return taken
