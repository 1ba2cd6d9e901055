"""Build a certificate's PDF (queued through the outbox, never directly)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from .issue import verify_url
from .models import Certificate
from .render import write_pdf

logger = logging.getLogger(__name__)


@shared_task(name="campaign.certificates.tasks.build_certificate", acks_late=True)
def build_certificate(certificate_id: int) -> str:
    """Safe to run twice: a ready certificate is left alone; a re-run rewrites the same file."""
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().filter(pk=certificate_id).first()
        if certificate is None:
            return "gone"
        if certificate.is_ready:
            return "ready"
        Certificate.objects.filter(pk=certificate.pk).update(
            status=Certificate.Status.BUILDING, progress=10, started_at=timezone.now(), error=""
        )

    def on_progress(percent: int) -> None:
        Certificate.objects.filter(pk=certificate.pk).update(progress=percent)

    try:
        size = write_pdf(certificate, verify_url(certificate), on_progress)
    except Exception:
        logger.exception("Certificate %s failed", certificate.code)
        # Recorded, not re-raised: the status page says so, and asking again requeues it.
        Certificate.objects.filter(pk=certificate.pk).update(
            status=Certificate.Status.FAILED, error="error", finished_at=timezone.now()
        )
        return "error"
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.Status.READY, progress=100, size=size, finished_at=timezone.now()
    )
    return "built"
