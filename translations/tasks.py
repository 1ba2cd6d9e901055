"""Background work of the translation workflow."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from .models import ExportJob
from .workflow.exporting import run_export

logger = logging.getLogger(__name__)


@shared_task(name="translations.tasks.build_export", acks_late=True)
def build_export(job_id: int) -> str:
    """Build the file of ExportJob ``job_id``. Safe to run twice: it rebuilds the file."""
    job = ExportJob.objects.select_related("region").filter(pk=job_id).first()
    if job is None:
        return "missing"
    try:
        run_export(job)
    except Exception as error:  # the coordinator must see that it failed, not wait forever
        logger.exception("Translation export %s failed", job_id)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        raise
    return job.status
