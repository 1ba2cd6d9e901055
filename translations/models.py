"""What the translation workflow remembers: source fingerprints, export files, pending imports.

None of these models hold page content: pages keep their text in their own language
columns and revisions. These rows only record *when* a translation was made (against which
source text), files prepared for translators, and imports waiting for a coordinator's
confirmation.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceStamp(models.Model):
    """The source text a translation was made from, per object, field and language.

    Written when an object is saved (translations.workflow.stamps): a translation whose own text
    changed is re-stamped with the current source fingerprint; a source edited later no
    longer matches the stamp, so the translation shows as out of date. Fingerprints are
    short SHA-256 prefixes: cheap to store and compare, and no text is duplicated.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    # Every model of the platform uses integer primary keys (DEFAULT_AUTO_FIELD).
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=100)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    source_hash = models.CharField(max_length=16)
    translation_hash = models.CharField(max_length=16)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation source stamp")
        verbose_name_plural = _("translation source stamps")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"], name="translations_stamp_unique"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="translations_stamp_object")]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} {self.field} [{self.language}]"


class FileFormat(models.TextChoices):
    XLIFF = "xliff", _("XLIFF 1.2 (CAT tools)")
    XLIFF2 = "xliff2", _("XLIFF 2.0 (newer CAT tools)")
    PO = "po", _("gettext PO (Poedit, Weblate)")


class ExportJob(models.Model):
    """A file for translators, built in the background (translations.tasks.build_export).

    The finished file is kept in the database rather than in media storage: it contains
    draft text, must never be reachable by a public URL, and web and worker processes
    share no disk.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Failed")

    class Scope(models.TextChoices):
        PAGES = "pages", _("Chosen pages")
        MISSING = "missing", _("Everything missing or out of date in the region")

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    region = models.ForeignKey("sitecontent.RegionPage", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("target language"), max_length=10, choices=settings.LANGUAGES)
    file_format = models.CharField(_("format"), max_length=8, choices=FileFormat.choices)
    scope = models.CharField(_("what to export"), max_length=10, choices=Scope.choices)
    page_ids = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    unit_count = models.PositiveIntegerField(default=0)
    object_count = models.PositiveIntegerField(default=0)
    content = models.TextField(blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("translation export")
        verbose_name_plural = _("translation exports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"export {self.pk} ({self.language}, {self.file_format})"

    @property
    def filename(self) -> str:
        extension = "po" if self.file_format == FileFormat.PO else "xlf"
        stamp = self.created_at.strftime("%Y%m%d-%H%M") if self.created_at else "new"
        return f"sid-{self.region.short_code}-{self.language}-{stamp}-{self.pk}.{extension}"


class TranslationMemory(models.Model):
    """Source texts already translated into a language, and their translation.

    Filled by every export (the translated texts of the objects it looked at) and every
    applied import; read by exports, which pre-fill identical source texts and mark them for
    review (translations.workflow.memory). One row per language and source text.
    """

    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    source_hash = models.CharField(max_length=16)
    source = models.TextField()
    target = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory entries")
        constraints = [models.UniqueConstraint(fields=["language", "source_hash"], name="translations_memory_unique")]

    def __str__(self):
        return f"[{self.language}] {self.source[:40]}"


class ImportBatch(models.Model):
    """A translated file that passed validation, waiting for the coordinator to confirm.

    ``units`` holds the accepted translations (already sanitised) and ``problems`` the
    refused or stale units, so the preview and the final save read the same data.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Waiting for confirmation")
        APPLIED = "applied", _("Saved as drafts")
        DISCARDED = "discarded", _("Discarded")

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    file_format = models.CharField(max_length=8, choices=FileFormat.choices)
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    units = models.JSONField(default=list)
    problems = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEW)
    result = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("translation import")
        verbose_name_plural = _("translation imports")
        ordering = ["-created_at"]

    def __str__(self):
        return f"import {self.pk} ({self.filename})"


class CoverageStatus(models.Model):
    """How far one published object is translated into one language (translations.workflow.coverage_store).

    Kept current when the object is saved or deleted (the same post_save hook that writes
    the source stamps), so the coverage report counts with one GROUP BY and lists a page of
    rows, whatever the amount of content. Which rows belong to a region, and whether an
    object is published, is read from the pages and snippets themselves at report time, so
    moving, unpublishing or re-linking content needs no bookkeeping here.
    ``manage.py translation_coverage rebuild`` fills the table for existing content.
    """

    class Status(models.TextChoices):
        COMPLETE = "complete", _("Translated")
        PARTIAL = "partial", _("Partly translated")
        FALLBACK = "fallback", _("Falls back")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=10, choices=settings.LANGUAGES)
    is_page = models.BooleanField(default=False)
    #: Source-language title, as listed in the report.
    title = models.CharField(max_length=255, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices)
    outdated = models.BooleanField(default=False)
    units_total = models.PositiveIntegerField(default=0)
    units_translated = models.PositiveIntegerField(default=0)
    #: ``[[field name, translated units, total units, out of date], ...]`` in editor order.
    fields = models.JSONField(default=list, blank=True)
    #: Languages with their own text in the first field: with the region's fallback rules,
    #: which language a reader sees instead.
    present_languages = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("translation coverage status")
        verbose_name_plural = _("translation coverage statuses")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "language"], name="translations_coverage_unique"
            )
        ]
        indexes = [
            models.Index(fields=["language", "status"], name="translations_coverage_status"),
            models.Index(fields=["language", "is_page", "title"], name="translations_coverage_list"),
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} [{self.language}] {self.status}"
