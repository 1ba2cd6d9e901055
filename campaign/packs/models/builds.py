"""ZIP builds of packs, one per build key, and download counts per pack and language."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sid.storage import PACKS, storage


def scratch_dir() -> Path:
    """Local scratch space where a worker writes a ZIP before storing it (SID_PACK_SCRATCH_DIR).

    Only the worker writing it reads it; the finished ZIP goes to the "packs" storage."""
    root = Path(getattr(settings, "SID_PACK_SCRATCH_DIR", "") or Path(tempfile.gettempdir()) / "sid-pack-scratch")
    root.mkdir(parents=True, exist_ok=True)
    return root


def packs_storage():
    """Where finished ZIPs live: the "packs" storage (sid.storage), shared by every server."""
    return storage(PACKS)


class PackBuild(models.Model):
    """One ZIP for one build key (the selection's live revisions + the language).

    The unique key is what guarantees one build per key: concurrent requests race on the
    INSERT, exactly one wins, only the winner enqueues the task.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        BUILDING = "building", _("Being built")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=64, unique=True)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    #: [[page_id, live_revision_id], …] in pack order: exactly the content versions to pack.
    items = models.JSONField(default=list)
    pack = models.ForeignKey(
        "packs.CuratedPack", null=True, blank=True, on_delete=models.SET_NULL, related_name="builds"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveIntegerField(default=0)
    size = models.PositiveBigIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    last_downloaded_at = models.DateTimeField(null=True, blank=True)
    download_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pack build")
        indexes = [
            models.Index(fields=["status", "finished_at"], name="packbuild_status_finished"),
            # The site-wide build budget counts recent builds (selection.over_build_budget).
            models.Index(fields=["created_at"], name="packbuild_created"),
        ]

    def __str__(self):
        return f"{self.key[:12]} ({self.language}, {self.status})"

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def percent(self) -> int:
        return int(100 * self.progress / self.total) if self.total else 0

    @property
    def page_ids(self) -> list[int]:
        return [page_id for page_id, _revision in self.items]

    @property
    def file_name(self) -> str:
        """The ZIP's name in the "packs" storage."""
        return f"{self.key}.zip"

    def stored(self) -> bool:
        return packs_storage().exists(self.file_name)

    def open(self):
        """The finished ZIP, from the "packs" storage (FileNotFoundError when it is gone)."""
        return packs_storage().open(self.file_name, "rb")

    def delete_file(self) -> None:
        packs_storage().delete(self.file_name)

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and self.stored()

    def lease_active(self) -> bool:
        lease = timedelta(seconds=getattr(settings, "SID_PACK_BUILD_LEASE_SECONDS", 900))
        return bool(self.started_at and self.started_at > timezone.now() - lease)


class PackDownloadCount(models.Model):
    """Downloads per curated pack (None: a teacher's own selection) and language."""

    pack = models.ForeignKey(
        "packs.CuratedPack", null=True, blank=True, on_delete=models.CASCADE, related_name="download_counts"
    )
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    downloads = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("pack download count")
        constraints = [
            models.UniqueConstraint(
                fields=["pack", "language"], condition=models.Q(pack__isnull=False), name="packdownloads_per_pack"
            ),
            models.UniqueConstraint(
                fields=["language"], condition=models.Q(pack__isnull=True), name="packdownloads_own_selection"
            ),
        ]

    def __str__(self):
        return f"{self.pack_id or '-'} {self.language}: {self.downloads}"
