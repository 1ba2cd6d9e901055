"""One row per piece of background work, written in the transaction that asked for it."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be queued")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    UNFINISHED = (State.PENDING, State.QUEUED, State.RUNNING)

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    #: Not queued again before this (back-off after a failed attempt).
    available_at = models.DateTimeField(default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    #: The Celery worker (node name) running it: a worker restarted under the same name
    #: takes over what it was running when it died.
    worker = models.CharField(max_length=200, blank=True)
    #: The broker message (Celery task id) running it: the broker delivering that same
    #: message again (its worker process was lost) may take it over at once.
    delivery = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("background task")
        indexes = [
            models.Index(
                fields=["state", "available_at"],
                name="outbox_unfinished",
                condition=models.Q(state__in=["pending", "queued", "running"]),
            )
        ]

    def __str__(self):
        return f"{self.task}{tuple(self.args)} ({self.state})"
