"""One row per thing the public sent that waits for (or had) a moderator's decision.

Stories, partner events and reports on published stories live in their own tables; this
table is the queue over all of them, so a region's moderators filter, search and page
through everything in one indexed query whatever its size. Each capability keeps its row
current through ``campaign.moderation.queue.sync`` when something enters review, changes
(a redaction, an edit) or is decided. The row holds no contact data, only what the queue
shows: the text as it will be published (a short preview), the flags, and the age band.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    STORY = "story", _("Story")
    EVENT = "event", _("Partner event")
    REPORT = "report", _("Report on a published story")


class Flag(models.TextChoices):
    """Safety flags, as a moderator filters on them."""

    PERSONAL_INFORMATION = "pii", _("Personal information found")
    TEXT_WARNING = "text", _("Text warnings (hidden or look-alike characters)")
    PEN_NAME = "pen_name", _("Pen name needs a look (staff name or personal data)")
    PICTURE = "picture", _("With a picture")
    REDACTED = "redacted", _("Redacted by a moderator")
    REPORTED = "reported", _("Reported by readers")
    ADDRESS = "address", _("Address does not match the country")
    DUPLICATE = "duplicate", _("Likely duplicate")


class ModerationItem(models.Model):
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    object_id = models.PositiveBigIntegerField()
    region = models.ForeignKey(
        "sitecontent.RegionPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty for what no region covers: the global team reviews it."),
    )
    is_open = models.BooleanField(default=True)
    title = models.CharField(_("title"), max_length=255, blank=True)
    preview = models.CharField(_("preview"), max_length=400, blank=True)
    # Casefolded, NFKC-normalised title, pen name/organiser and text, for search.
    search_text = models.TextField(blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    age_band = models.CharField(_("age group"), max_length=10, blank=True)
    # Space-separated Flag codes with a space at each end (" pii picture "), so a filter
    # on one flag is a plain indexed-table LIKE on every database.
    flags = models.CharField(max_length=200, blank=True, default=" ")
    waiting_since = models.DateTimeField(_("waiting since"))
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    claimed_until = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("moderation item")
        verbose_name_plural = _("moderation items")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="moderation_one_item_per_object")]
        indexes = [models.Index(fields=["is_open", "region", "waiting_since"], name="moderation_queue_order")]

    def __str__(self):
        return f"{self.kind} {self.object_id}"

    @property
    def flag_list(self) -> list[str]:
        return self.flags.split()

    def flag_labels(self) -> list[str]:
        labels = dict(Flag.choices)
        return [str(labels.get(code, code)) for code in self.flag_list]
