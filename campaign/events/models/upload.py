"""EventUpload: one spreadsheet of events, its dry-run results row by row, and what became of it.

Only the rows the dry run accepted (as the form cleaned them) and each row's result are kept,
so the import creates exactly what the uploader saw. A large file is checked in the background
(``bulk.background``): until then its bytes wait in ``pending_file``, in the database (private,
never served, saved in the same transaction as the outbox message), and are dropped as soon as
the results are stored. The private link's token is stored only as a hash (like a single
submission's).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .submission import hash_token


class UploadStatus(models.TextChoices):
    CHECKING = "checking", _("Checking your file")
    REFUSED = "refused", _("File refused")
    CHECKED = "checked", _("Checked, waiting for your confirmation")
    QUEUED = "queued", _("Importing")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")


class EventUploadQuerySet(models.QuerySet):
    def for_token(self, token: str):
        return self.filter(token_hash=hash_token(token or "")).select_related("calendar").first()


class EventUpload(models.Model):
    calendar = models.ForeignKey(
        "events.EventCalendarPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("calendar")
    )
    #: The coordinator who uploaded in the admin; empty for a partner's public upload.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    publish = models.BooleanField(_("publish directly"), default=False)
    include_duplicates = models.BooleanField(_("import likely duplicates too"), default=False)
    organisation = models.CharField(_("organisation"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    filename = models.CharField(_("file"), max_length=255, blank=True)
    rows = models.JSONField(default=list)
    #: A large file waiting for its background dry run; emptied once the results are stored.
    pending_file = models.BinaryField(null=True, blank=True, editable=False)
    #: Background dry run's progress (rows checked / rows in the file).
    total_rows = models.PositiveIntegerField(default=0)
    checked_rows = models.PositiveIntegerField(default=0)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=UploadStatus.choices, default=UploadStatus.CHECKED)
    created_count = models.PositiveIntegerField(default=0)
    problem = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = EventUploadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event upload")
        verbose_name_plural = _("event uploads")

    def __str__(self):
        return f"{self.filename} ({self.organisation})"

    def set_token(self, token: str) -> None:
        self.token_hash = hash_token(token)

    def to_import(self) -> list[dict]:
        """The rows the import creates: accepted ones (and likely duplicates, if chosen)."""
        wanted = {"new", "duplicate"} if self.include_duplicates else {"new"}
        return [row for row in self.rows if row["status"] in wanted]
