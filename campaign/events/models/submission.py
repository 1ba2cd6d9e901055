"""A partner's event submission: who sent it, how to reach them, and what became of it.

The contact email lives here, never on the EventPage, so no template or feed can show it.
The status link's token is stored only as a hash.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from campaign.moderation.reasons import RejectionReason


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SubmissionStatus(models.TextChoices):
    IN_REVIEW = "in_review", _("Waiting for a moderator")
    APPROVED = "approved", _("Approved and published")
    REJECTED = "rejected", _("Not published")
    WITHDRAWN = "withdrawn", _("Withdrawn by you")


class EventSubmissionQuerySet(models.QuerySet):
    def for_token(self, token: str):
        return self.filter(token_hash=hash_token(token or "")).select_related("page").first()


class EventSubmission(models.Model):
    page = models.OneToOneField(
        "events.EventPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submission",
        verbose_name=_("event"),
    )
    region = models.ForeignKey(
        "sitecontent.RegionPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty when no region covers the event: the global team reviews it."),
    )
    organisation = models.CharField(_("organisation"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=255, help_text=_("As submitted, kept after withdrawal."))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=12, choices=SubmissionStatus.choices, default=SubmissionStatus.IN_REVIEW
    )
    rejection_reason = models.CharField(_("reason"), max_length=32, choices=RejectionReason.choices, blank=True)
    #: The spreadsheet this event came in (its private link lists the upload's events).
    upload = models.ForeignKey(
        "events.EventUpload", null=True, blank=True, on_delete=models.SET_NULL, related_name="submissions"
    )
    #: A published event's partner sent changes: they wait for a moderator, the live version stays.
    changes_pending = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = EventSubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event submission")
        verbose_name_plural = _("event submissions")

    def __str__(self):
        return f"{self.title} ({self.organisation})"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    def set_token(self, token: str) -> None:
        self.token_hash = hash_token(token)
