"""Daily aggregates behind the impact dashboard: numbers only, never a person.

One row per (day, edition, region, metric, key): "events in Belgium for the 2027 edition,
Europe", "pack downloads in French of pack 12 on 9 February". Snapshot metrics (events,
submissions, stories) are recomputed by the beat task and keep only their latest day;
counter metrics (help page visits, pack downloads) add up day by day. The dashboard reads
these rows with one grouped query, however many events, stories or downloads there are.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyFigure(models.Model):
    day = models.DateField(_("day"))
    #: The edition's year; 0 when the figure belongs to no edition.
    edition_year = models.PositiveSmallIntegerField(_("edition"), default=0)
    #: The region's short code; "" for figures that belong to no region (global).
    region = models.CharField(_("region"), max_length=50, blank=True)
    metric = models.CharField(_("figure"), max_length=40)
    key = models.CharField(_("key"), max_length=64, blank=True)
    value = models.BigIntegerField(_("value"), default=0)

    class Meta:
        verbose_name = _("daily figure")
        constraints = [
            models.UniqueConstraint(fields=["day", "edition_year", "region", "metric", "key"], name="reach_one_figure")
        ]
        indexes = [models.Index(fields=["edition_year", "region", "metric"], name="reach_edition_region")]

    def __str__(self):
        return f"{self.day} {self.edition_year} {self.region} {self.metric} {self.key}: {self.value}"


class ExportJob(models.Model):
    """A large export built by a worker (``campaign.reach.tasks.build_export``), with progress.

    It holds the suppressed tables only (the same as the page); the file is kept in the row
    for its owner, who alone may see its status or download it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Being built")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    fmt = models.CharField(max_length=4)
    #: The admin language of the person who asked (labels and headings of the file).
    language = models.CharField(max_length=10, default="en")
    #: None: every region (an administrator's export); else the region codes it covers.
    scope = models.JSONField(null=True, blank=True)
    year = models.PositiveSmallIntegerField()
    date_from = models.DateField(null=True, blank=True)
    date_to = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    content = models.BinaryField(blank=True, default=b"")
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("impact export")

    def __str__(self):
        return f"{self.fmt} {self.year} ({self.status})"
