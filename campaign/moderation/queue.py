"""The region's one moderation queue: keeping rows current, who sees what, filters, claims.

Capabilities call ``sync`` whenever one of their things enters review or changes, and
``close`` when it is decided or gone. Everything a moderator sees goes through
``visible_items`` (region scoping: ``access.moderated_regions``, the same function the rest
of the admin uses; what no region covers goes to the global team). Whether a moderator may
*decide* is the workflow task's permission check (``decisions``), never a check here.
"""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .access import moderated_regions
from .models import ItemKind, ModerationItem

#: How long opening an item keeps it for one moderator (renewed on every visit and edit).
CLAIM_MINUTES = 10
PREVIEW_LENGTH = 280

ADAPTERS = {
    ItemKind.STORY: "campaign.stories.moderation.StoryAdapter",
    ItemKind.EVENT: "campaign.events.submissions.queue_adapter.EventAdapter",
    ItemKind.REPORT: "campaign.stories.moderation.ReportAdapter",
}


def adapter(kind: str):
    """What the queue's screens ask of one kind of item: ``load``, ``allowed``, ``context``,
    ``approve``, ``reject`` (``redact`` and ``edit`` when ``editable``), ``rebuild`` (refill
    the queue from the kind's own records) and the ``age_bands`` labels its rows may carry.
    The capabilities' adapters sit above this module: found by name, never imported."""
    return import_string(ADAPTERS[ItemKind(kind)])()


def rebuild() -> int:
    """Refill the queue from every kind's records (``manage.py moderation_queue rebuild``);
    how many submissions were synced."""
    return sum(adapter(kind).rebuild() for kind in ADAPTERS)


def age_band_labels() -> dict:
    """The age groups queue rows may carry, by code, as the adapters name them."""
    labels = {}
    for kind in ADAPTERS:
        labels.update(getattr(adapter(kind), "age_bands", ()))
    return labels


def searchable(*parts: str) -> str:
    return unicodedata.normalize("NFKC", " ".join(p for p in parts if p)).casefold()


def preview_of(text: str) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= PREVIEW_LENGTH else text[: PREVIEW_LENGTH - 1].rstrip() + "…"


def flag_string(flags) -> str:
    ordered = sorted({str(flag) for flag in flags if flag})
    return " " + " ".join(ordered) + " " if ordered else " "


def sync(kind: str, object_id: int, *, waiting_since=None, reopen: bool = False, **fields) -> ModerationItem:
    """Create or refresh the queue row of one thing in review.

    ``fields``: region, title, preview, search_text, language, country, age_band, flags
    (an iterable of Flag codes). ``reopen`` puts a decided item back at the end of the
    queue (a story hidden after reports, a fixed story sent again).
    """
    if "flags" in fields:
        fields["flags"] = flag_string(fields["flags"])
    for name, limit in (("title", 255), ("preview", 400)):
        if name in fields:
            fields[name] = (fields[name] or "")[:limit]
    item = ModerationItem.objects.filter(kind=kind, object_id=object_id).first()
    if item is None:
        return ModerationItem.objects.create(
            kind=kind, object_id=object_id, waiting_since=waiting_since or timezone.now(), **fields
        )
    for name, value in fields.items():
        setattr(item, name, value)
    if reopen or not item.is_open:
        item.is_open = True
        item.decided_at = None
        item.claimed_by = None
        item.claimed_until = None
        item.waiting_since = waiting_since or timezone.now()
    item.save()
    return item


def close(kind: str, object_id: int) -> None:
    ModerationItem.objects.filter(kind=kind, object_id=object_id, is_open=True).update(
        is_open=False, decided_at=timezone.now(), claimed_by=None, claimed_until=None
    )


def forget(kind: str, object_id: int) -> None:
    ModerationItem.objects.filter(kind=kind, object_id=object_id).delete()


# -- who sees what ---------------------------------------------------------------------------
def in_global_team(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    team = getattr(settings, "STORIES_GLOBAL_TEAM_GROUP", "")
    return bool(team) and user.groups.filter(name=team).exists()


def visible_items(user):
    """Queue rows of the regions ``user`` moderates (and, for the global team, of no region)."""
    if not user.is_authenticated:
        return ModerationItem.objects.none()
    scope = Q(region__in=moderated_regions(user))
    if in_global_team(user):
        scope |= Q(region__isnull=True)
    return ModerationItem.objects.filter(scope)


# -- filters ---------------------------------------------------------------------------------
@dataclass
class QueueFilters:
    kind: str = ""
    flag: str = ""
    language: str = ""
    country: str = ""
    older_than_hours: int | None = None
    q: str = ""
    unflagged: bool = False

    def apply(self, items):
        if self.kind:
            items = items.filter(kind=self.kind)
        if self.flag:
            items = items.filter(flags__contains=f" {self.flag} ")
        if self.unflagged:
            items = items.filter(flags=" ")
        if self.language:
            items = items.filter(language=self.language)
        if self.country:
            items = items.filter(country=self.country.upper())
        if self.older_than_hours:
            items = items.filter(waiting_since__lte=timezone.now() - timedelta(hours=self.older_than_hours))
        if self.q:
            for word in searchable(self.q).split()[:8]:
                items = items.filter(search_text__contains=word)
        return items


def open_queue(user, filters: QueueFilters | None = None):
    items = visible_items(user).filter(is_open=True)
    if filters:
        items = filters.apply(items)
    return items.order_by("waiting_since", "pk")


# -- claims ----------------------------------------------------------------------------------
def claimed_by_other(item: ModerationItem, user) -> bool:
    return (
        item.claimed_by_id is not None
        and item.claimed_by_id != user.pk
        and item.claimed_until is not None
        and item.claimed_until > timezone.now()
    )


def claim(item: ModerationItem, user, force: bool = False) -> bool:
    """Keep ``item`` for ``user`` for CLAIM_MINUTES unless someone else holds it. Atomic."""
    now = timezone.now()
    rows = ModerationItem.objects.filter(pk=item.pk, is_open=True)
    if not force:
        rows = rows.filter(Q(claimed_by__isnull=True) | Q(claimed_by=user) | Q(claimed_until__lte=now))
    until = now + timedelta(minutes=CLAIM_MINUTES)
    done = rows.update(claimed_by=user, claimed_until=until) == 1
    if done:
        item.claimed_by, item.claimed_until = user, until
    return done


def release(item: ModerationItem, user) -> None:
    ModerationItem.objects.filter(pk=item.pk, claimed_by=user).update(claimed_by=None, claimed_until=None)


def next_item(user, filters: QueueFilters | None = None, after: ModerationItem | None = None):
    """The oldest open item (within ``filters``) nobody else holds, claimed for ``user``."""
    now = timezone.now()
    candidates = open_queue(user, filters).filter(
        Q(claimed_by__isnull=True) | Q(claimed_by=user) | Q(claimed_until__lte=now)
    )
    if after is not None:
        candidates = candidates.exclude(pk=after.pk)
    for _attempt in range(5):
        item = candidates.first()
        if item is None:
            return None
        with transaction.atomic():
            if claim(item, user):
                return item
        candidates = candidates.exclude(pk=item.pk)
    return None


# -- figures for the dashboard ----------------------------------------------------------------
def waiting_figures(user) -> list[dict]:
    """Per visible region: open items, median and oldest waiting time (one query)."""
    now = timezone.now()
    rows = visible_items(user).filter(is_open=True).values_list("region_id", "region__title", "waiting_since")
    by_region: dict = {}
    for region_id, title, since in rows:
        by_region.setdefault((region_id, title or ""), []).append(now - since)
    figures = []
    for (region_id, title), waits in sorted(by_region.items(), key=lambda pair: pair[0][1]):
        figures.append(
            {
                "region_id": region_id,
                "region": title,
                "count": len(waits),
                "median": timedelta(seconds=statistics.median(w.total_seconds() for w in waits)),
                "oldest": max(waits),
            }
        )
    return figures
