"""Certificates of taking part: one PDF per content, built in the background.

A certificate is what it shows: its kind, a name, a class and school or an event, a date
and a language. The same content is the same row (``content_key``), the same file and the
same verification code, so asking twice builds nothing new. The verify page shows exactly
these fields and nothing else (never who asked, an email or a story).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sid.storage import CERTIFICATES, storage

NAME_MAX = 150


def certificates_storage():
    """Where finished PDFs live: the "certificates" storage (sid.storage), shared by every server."""
    return storage(CERTIFICATES)


class Certificate(models.Model):
    class Kind(models.TextChoices):
        ORGANISER = "organiser", _("Event organiser")
        CLASS = "class", _("Class")
        STORY = "story", _("Young author")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        BUILDING = "building", _("Being made")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    #: The organiser's, the class's or the pen name, as it is printed.
    name = models.CharField(_("name"), max_length=NAME_MAX)
    school = models.CharField(_("school"), max_length=NAME_MAX, blank=True)
    event_title = models.CharField(_("event"), max_length=255, blank=True)
    occasion_date = models.DateField(_("date"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    content_key = models.CharField(max_length=64, unique=True)
    code = models.CharField(_("verification code"), max_length=16, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveSmallIntegerField(default=0)
    size = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return f"{self.code} ({self.kind})"

    @property
    def file_name(self) -> str:
        """The PDF's name in the "certificates" storage."""
        return f"{self.content_key}.pdf"

    def stored(self) -> bool:
        return certificates_storage().exists(self.file_name)

    def open(self):
        return certificates_storage().open(self.file_name, "rb")

    @property
    def is_ready(self) -> bool:
        return self.status == self.Status.READY and self.stored()

    @property
    def display_code(self) -> str:
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))
