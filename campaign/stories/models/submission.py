"""What a young person sends, kept apart from what the public reads.

``Submission`` holds the minimum needed to moderate and to answer the private status link:
no name, no birth date, no address, no email of the young person. Its texts are moved to
the draft ``StoryPage`` as soon as that exists and cleared here. A parent's email lives in
``ParentalConsent``, a separate row never rendered anywhere, deleted once answered.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from campaign.moderation.reasons import RejectionReason
from translations.core.languages import LANGUAGES

from ..consent import AgeBand, Reuse

PEN_NAME_MAX = 40
TITLE_MAX = 120
BODY_MAX = 4000
ALT_MAX = 200


class Submission(models.Model):
    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        AWAITING_CONSENT = "awaiting_consent", _("Waiting for a parent or carer")
        IN_REVIEW = "in_review", _("Being checked by a moderator")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Not published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED)
    index = models.ForeignKey(
        "stories.StoryIndexPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
        verbose_name=_("section"),
    )
    region = models.ForeignKey(
        "sitecontent.RegionPage", null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("region")
    )
    page = models.OneToOneField(
        "stories.StoryPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="submission"
    )
    # Texts until the draft page exists (then they live on the page and are cleared here).
    pen_name = models.CharField(_("pen name"), max_length=PEN_NAME_MAX, blank=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX, blank=True)
    body = models.TextField(_("story"), max_length=BODY_MAX, blank=True)
    picture_alt = models.CharField(_("picture description"), max_length=ALT_MAX, blank=True)
    age_band = models.CharField(_("age group"), max_length=10, choices=AgeBand.choices)
    country = CountryField(_("country"))
    language = models.CharField(_("language"), max_length=10, choices=LANGUAGES)
    # Name of the sanitised picture in private storage (never under MEDIA_ROOT).
    picture_name = models.CharField(max_length=100, blank=True)
    # Public renditions, written when the story is published: {"files": {width: name}, ...}.
    public_picture = models.JSONField(default=dict, blank=True)
    findings = models.JSONField(_("personal information found"), default=list, blank=True)
    text_flags = models.JSONField(_("text warnings"), default=list, blank=True)
    status_token_hash = models.CharField(max_length=64, unique=True)
    # The short status code (tokens.status_code_for), kept as a keyed hash only.
    status_code_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, default=None)
    rejection_reason = models.CharField(_("reason"), max_length=32, choices=RejectionReason.choices, blank=True)
    # Consent to reuse the published story in classroom material (case cards).
    reuse = models.CharField(_("reuse in class"), max_length=16, choices=Reuse.choices, default=Reuse.NO)
    reuse_changed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    in_review_since = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("story submission")
        verbose_name_plural = _("story submissions")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"Submission {self.pk} ({self.status})"

    @property
    def has_picture(self) -> bool:
        return bool(self.picture_name)

    def public_picture_sources(self):
        """[(url, width)] of the public renditions, smallest first."""
        files = (self.public_picture or {}).get("files", {})
        return [
            (default_storage.url(name), int(width)) for width, name in sorted(files.items(), key=lambda i: int(i[0]))
        ]


class ParentalConsent(models.Model):
    """A parent's or carer's yes. The email is deleted as soon as it has been answered."""

    submission = models.OneToOneField(Submission, on_delete=models.CASCADE, related_name="consent")
    email = models.EmailField(blank=True)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    requested_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("parental consent")
        verbose_name_plural = _("parental consents")

    def __str__(self):
        return f"Consent for submission {self.submission_id}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class ReportReason(models.TextChoices):
    PERSONAL_INFORMATION = "personal_information", _("It shows someone's personal information")
    HURTFUL = "hurtful", _("It is mean, hurtful or bullying")
    UNSAFE = "unsafe", _("It could put someone in danger")
    NOT_OK = "inappropriate", _("It is not OK for children")
    SPAM = "spam", _("It is spam or advertising")
    OTHER = "other", _("Something else")


class StoryReport(models.Model):
    """One visitor's "Report this story". The visitor is known only by a keyed hash."""

    page = models.ForeignKey("stories.StoryPage", on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=32, choices=ReportReason.choices)
    reporter_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("story report")
        verbose_name_plural = _("story reports")
        constraints = [models.UniqueConstraint(fields=["page", "reporter_hash"], name="stories_one_report_per_visitor")]

    def __str__(self):
        return f"Report on story {self.page_id}: {self.reason}"
