"""Background work of campaign.stories (Celery).

Requests save their rows first and queue the work through the outbox
(``outbox.enqueue``), in the same transaction: a broker outage delays it, never loses it.
Every task here is idempotent, so a retry or a duplicate delivery changes nothing twice.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from campaign.moderation.access import moderator_emails
from outbox import enqueue
from outbox.models import OutboxMessage
from sid.absolute import absolute_url
from themes.loader import template_names

from . import pipeline
from .models import ParentalConsent, ReportReason, StoryPage, Submission
from .tokens import new_token

logger = logging.getLogger(__name__)
Status = Submission.Status


def _render_email(name: str, context: dict, language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = render_to_string(template_names(f"stories/emails/{name}_subject.txt"), context).strip()
        body = render_to_string(template_names(f"stories/emails/{name}_body.txt"), context)
    return " ".join(subject.split()), body


def _absolute(path: str) -> str:
    return absolute_url(path)


@shared_task(name="campaign.stories.tasks.process_submission", acks_late=True)
def process_submission(submission_id: int) -> None:
    pipeline.process(submission_id)


@shared_task(name="campaign.stories.tasks.send_consent_request", acks_late=True)
def send_consent_request(consent_id: int) -> None:
    """Email the parent a fresh confirmation link (the token exists only in this email).

    The email is sent inside the transaction that marks it requested: if the mail server
    refuses it, nothing is marked and ``requeue_stuck_submissions`` tries again, instead
    of the story waiting for a parent who was never asked.
    """
    with transaction.atomic():
        consent = ParentalConsent.objects.select_for_update().select_related("submission").filter(pk=consent_id).first()
        if consent is None or consent.confirmed or not consent.email or consent.requested_at:
            return
        token, token_hash = new_token()
        consent.token_hash = token_hash
        consent.requested_at = timezone.now()
        consent.save(update_fields=["token_hash", "requested_at"])
        submission = consent.submission
        language = submission.language
        with translation.override(language):
            link = _absolute(reverse("stories:consent", kwargs={"token": token}))
        subject, body = _render_email(
            "consent",
            {
                "link": link,
                "age_band": submission.get_age_band_display,
                "days": settings.STORIES_CONSENT_RETENTION_DAYS,
            },
            language,
        )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [consent.email])


@shared_task(name="campaign.stories.tasks.notify_report")
def notify_report(page_id: int, reason: str) -> None:
    page = StoryPage.objects.filter(pk=page_id).first()
    if page is None:
        return
    region = page.region
    recipients = moderator_emails(region)
    if not recipients:
        return
    language = region.default_language if region else settings.LANGUAGE_CODE

    subject, body = _render_email(
        "report",
        {
            "page": page,
            "reason": ReportReason(reason).label if reason in ReportReason.values else reason,
            "reports": page.reports.filter(resolved_at__isnull=True).count(),
            "threshold": settings.STORIES_REPORT_HIDE_THRESHOLD,
            "admin_url": _absolute(reverse("wagtailadmin_pages:edit", args=[page.pk])),
        },
        language,
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)


@shared_task(name="campaign.stories.tasks.requeue_stuck_submissions")
def requeue_stuck_submissions() -> int:
    """Queue again what is still waiting long after it was received and has no work
    waiting in the outbox (a safety net: the outbox retries every message until done)."""

    def waiting(task, object_id) -> bool:
        return OutboxMessage.objects.filter(
            task=task.name, args=[object_id], state__in=OutboxMessage.UNFINISHED
        ).exists()

    cutoff = timezone.now() - timedelta(minutes=settings.STORIES_STUCK_AFTER_MINUTES)
    count = 0
    for submission_id in Submission.objects.filter(status=Status.RECEIVED, created_at__lt=cutoff).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            if not waiting(process_submission, submission_id):
                enqueue(process_submission, submission_id)
                count += 1
    for consent_id in ParentalConsent.objects.filter(
        requested_at__isnull=True, confirmed_at__isnull=True, submission__status=Status.AWAITING_CONSENT
    ).values_list("pk", flat=True):
        with transaction.atomic():
            if not waiting(send_consent_request, consent_id):
                enqueue(send_consent_request, consent_id)
                count += 1
    return count


@shared_task(name="campaign.stories.tasks.remind_moderators")
def remind_moderators() -> int:
    """Tell each region's moderators (or the global team) about stories waiting too long."""
    wait = timedelta(hours=settings.STORIES_REMINDER_AFTER_HOURS)
    now = timezone.now()
    waiting = Submission.objects.filter(status=Status.IN_REVIEW, in_review_since__lt=now - wait).filter(
        Q(reminded_at__isnull=True) | Q(reminded_at__lt=now - wait)
    )
    sent = 0
    by_region: dict = {}
    for submission in waiting.select_related("region"):
        by_region.setdefault(submission.region, []).append(submission)
    for region, submissions in by_region.items():
        recipients = moderator_emails(region)
        if not recipients:
            logger.error("Stories wait for review in %s and nobody can be told", region)
            continue
        language = region.default_language if region else settings.LANGUAGE_CODE
        subject, body = _render_email(
            "reminder",
            {
                "region": region,
                "count": len(submissions),
                "hours": settings.STORIES_REMINDER_AFTER_HOURS,
                "queue_url": _absolute(reverse("moderation:queue")),
            },
            language,
        )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        Submission.objects.filter(pk__in=[s.pk for s in submissions]).update(reminded_at=now)
        sent += 1
    return sent


@shared_task(name="campaign.stories.tasks.purge_expired")
def purge_expired() -> int:
    """Delete what is no longer needed: rejected and withdrawn stories, unanswered consents."""
    now = timezone.now()
    expired = (
        Q(status=Status.REJECTED, decided_at__lt=now - timedelta(days=settings.STORIES_REJECTED_RETENTION_DAYS))
        | Q(status=Status.WITHDRAWN, decided_at__lt=now - timedelta(days=settings.STORIES_WITHDRAWN_RETENTION_DAYS))
        | Q(
            status=Status.AWAITING_CONSENT,
            created_at__lt=now - timedelta(days=settings.STORIES_CONSENT_RETENTION_DAYS),
        )
    )
    count = 0
    for submission in Submission.objects.filter(expired).select_related("page"):
        pipeline.purge(submission)
        count += 1
    # Any parent email still stored past the period (whatever the story's state) goes too.
    ParentalConsent.objects.filter(
        created_at__lt=now - timedelta(days=settings.STORIES_CONSENT_RETENTION_DAYS)
    ).exclude(email="").update(email="", token_hash="")
    return count
