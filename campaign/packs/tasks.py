"""Background work of teacher packs: build a ZIP, rebuild after publishing, clean up."""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import transaction
from django.db.models import F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from outbox import enqueue

from .builder import TEMP_PREFIX, PackContentChanged, write_pack
from .models import CuratedPack, PackBuild
from .models.builds import scratch_dir
from .selection import BUILD_PACK, PackRequestError, Selection, live_pack_pages, request_build, requeue_build

logger = logging.getLogger(__name__)


@shared_task(name="campaign.packs.tasks.build_pack", acks_late=True)
def build_pack(build_id: int, *, _task_id: str | None = None) -> str:
    """Build one PackBuild. Safe to run twice, safe to be killed and delivered again.

    The row is locked while its state is read and changed. A build another live task is
    working on is left alone; a redelivered message (same task id, after a worker was
    killed) or an expired lease takes over and starts again from an empty temporary file.
    """
    task_id = _task_id or (build_pack.request.id or "")
    with transaction.atomic():
        build = PackBuild.objects.select_for_update().filter(pk=build_id).first()
        if build is None:
            return "gone"
        if build.is_ready:
            return "ready"
        if build.status == PackBuild.Status.BUILDING and build.task_id != task_id and build.lease_active():
            return "busy"
        build.status = PackBuild.Status.BUILDING
        build.task_id = task_id
        build.attempts = F("attempts") + 1
        build.started_at = timezone.now()
        build.progress = 0
        build.error = ""
        build.save(update_fields=["status", "task_id", "attempts", "started_at", "progress", "error"])
    build.refresh_from_db()
    remove_partial_files(build)

    last_report = [0.0]

    def on_progress(done: int) -> None:
        # At most one UPDATE a second: the status page refreshes every few seconds anyway.
        now = time.monotonic()
        if now - last_report[0] >= 1.0:
            last_report[0] = now
            PackBuild.objects.filter(pk=build.pk).update(progress=done)

    try:
        _name, size = write_pack(build, on_progress)
    except PackContentChanged:
        PackBuild.objects.filter(pk=build.pk).update(
            status=PackBuild.Status.FAILED, error="content-changed", finished_at=timezone.now()
        )
        return "content-changed"
    except Exception:
        logger.exception("Pack build %s failed", build.key)
        # Recorded, not re-raised: the status page tells the teacher, and asking again
        # requeues it. (Run eagerly, a raise would also turn the request into a 500.)
        PackBuild.objects.filter(pk=build.pk).update(
            status=PackBuild.Status.FAILED, error="error", finished_at=timezone.now()
        )
        return "error"
    PackBuild.objects.filter(pk=build.pk).update(
        status=PackBuild.Status.READY, size=size, progress=build.total, finished_at=timezone.now()
    )
    evict_over_disk_cap(keep=build.pk)
    return "built"


def evict_over_disk_cap(keep: int | None = None) -> int:
    """Keep the built ZIPs within SID_PACK_MAX_TOTAL_BYTES: while the ready builds take more,
    delete the least recently used one (last downloaded, else finished; oldest first), its
    file and its row, as the periodic cleanup does. ``keep`` (the build just finished) is
    never evicted. A teacher who asks for an evicted pack again gets it rebuilt.

    Returns the number of builds evicted. Two queries when under the cap.
    """
    cap = settings.SID_PACK_MAX_TOTAL_BYTES
    ready = PackBuild.objects.filter(status=PackBuild.Status.READY)
    total = ready.aggregate(total=Sum("size"))["total"] or 0
    if total <= cap:
        return 0
    candidates = (
        ready.exclude(pk=keep)
        .annotate(last_used=Coalesce("last_downloaded_at", "finished_at", "created_at"))
        .order_by("last_used", "pk")
    )
    evicted = 0
    for build in candidates.iterator(chunk_size=100):
        if total <= cap:
            break
        build.delete_file()
        # Only if still ready: a concurrent request may have just queued it again.
        if PackBuild.objects.filter(pk=build.pk, status=PackBuild.Status.READY).delete()[0]:
            evicted += 1
        total -= build.size
    if evicted:
        logger.info("Pack disk cap: evicted %s least recently used build(s)", evicted)
    return evicted


def remove_partial_files(build) -> int:
    """A retry starts clean: the temporary files an interrupted run of this build left in
    this machine's scratch space (its worker was killed mid-write) are removed now, not by
    the hourly sweep."""
    removed = 0
    for part in scratch_dir().glob(f"{TEMP_PREFIX}{build.key}-*"):
        part.unlink(missing_ok=True)
        removed += 1
    if removed:
        logger.warning("Pack build %s: removed %s partial file(s) of an interrupted run", build.key, removed)
    return removed


@shared_task(name="campaign.packs.tasks.rebuild_packs_containing")
def rebuild_packs_containing(page_id: int) -> int:
    """After ``page_id`` was published again: rebuild its curated packs in the languages
    teachers have asked them in. Returns the number of builds queued."""
    queued = 0
    for pack in CuratedPack.objects.filter(items__page_id=page_id).distinct():
        languages = set(PackBuild.objects.filter(pack=pack).values_list("language", flat=True))
        pages = live_pack_pages(pack)
        if not pages:
            continue
        for language in sorted(languages):
            try:
                _build, created = request_build(Selection(pages=pages, language=language), pack=pack)
            except PackRequestError:
                continue
            queued += int(created)
    return queued


@shared_task(name="campaign.packs.tasks.cleanup_pack_builds")
def cleanup_pack_builds() -> dict:
    """Delete builds nobody downloaded for SID_PACK_KEEP_HOURS, stray temporary files, and
    requeue builds that never started (the broker may have been down when they were asked);
    then evict the least recently used builds beyond SID_PACK_MAX_TOTAL_BYTES."""
    now = timezone.now()
    keep = timedelta(hours=getattr(settings, "SID_PACK_KEEP_HOURS", 24 * 30))
    stale = PackBuild.objects.annotate(last_used=Coalesce("last_downloaded_at", "finished_at", "created_at")).filter(
        Q(status__in=[PackBuild.Status.READY, PackBuild.Status.FAILED]), last_used__lt=now - keep
    )
    deleted = 0
    for build in stale:
        build.delete_file()
        build.delete()
        deleted += 1

    lease = timedelta(seconds=getattr(settings, "SID_PACK_BUILD_LEASE_SECONDS", 900))
    stuck = PackBuild.objects.filter(
        Q(status=PackBuild.Status.PENDING, created_at__lt=now - lease)
        | Q(status=PackBuild.Status.BUILDING, started_at__lt=now - lease)
    )
    requeued = 0
    for build in stuck:
        with transaction.atomic():
            if build.status == PackBuild.Status.BUILDING:
                requeue_build(build)  # its lease expired: the new run takes the build over
            else:
                enqueue(BUILD_PACK, build.pk)
        requeued += 1

    removed_parts = 0
    cutoff = time.time() - lease.total_seconds()
    for part in scratch_dir().glob(f"{TEMP_PREFIX}*"):
        if part.stat().st_mtime < cutoff:
            part.unlink(missing_ok=True)
            removed_parts += 1
    evicted = evict_over_disk_cap()
    return {"deleted": deleted, "requeued": requeued, "temporary_files": removed_parts, "evicted": evicted}
