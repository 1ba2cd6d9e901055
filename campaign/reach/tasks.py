"""Background work of the impact dashboard: beat asks, the outbox carries, a worker counts."""

from __future__ import annotations

import datetime

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from outbox import enqueue

from .exports import build
from .figures import refresh


@shared_task(name="campaign.reach.tasks.queue_refresh", ignore_result=True)
def queue_refresh() -> None:
    """Periodic (beat): queue one refresh through the outbox (a broker outage delays it)."""
    with transaction.atomic():
        enqueue("campaign.reach.tasks.refresh_figures", timezone.now().date().isoformat())


@shared_task(name="campaign.reach.tasks.refresh_figures", acks_late=True)
def refresh_figures(day: str) -> int:
    return refresh(datetime.date.fromisoformat(day))


@shared_task(name="campaign.reach.tasks.build_export", acks_late=True)
def build_export(job_id: int) -> None:
    build(job_id)
