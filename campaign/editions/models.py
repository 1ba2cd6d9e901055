"""The yearly campaign edition: its day, theme, slogan, key messages and phases."""

from __future__ import annotations

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from translations.core.fields import SourceLanguageField
from translations.core.snippet_forms import SourceLanguageModelForm
from translations.core.source import WrittenInSourceLanguage

from .dates import campaign_date

#: The "week of" phase: this many days either side of the day.
WEEK_RADIUS = 3


class Phase(models.TextChoices):
    BEFORE = "before", _("Before the day")
    WEEK = "week", _("The week of the day")
    DAY = "day", _("The day")
    AFTER = "after", _("After the day")


#: After the day, the home page looks back on the edition for this long before the next one takes over.
LOOK_BACK_DAYS = 30


class EditionQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """The edition a visitor should see today (None when there is none).

        An edition whose day passed less than LOOK_BACK_DAYS ago (its look back), else the
        next one to come, else the latest. Editions are one a year: one small query.
        """
        return current_edition(self.all(), today)


def current_edition(editions, today: datetime.date | None = None):
    """``EditionQuerySet.current``'s choice among ``editions`` (every edition, already read)."""
    today = today or timezone.now().date()
    editions = sorted(editions, key=lambda edition: edition.date)
    for edition in editions:
        if edition.date >= today - datetime.timedelta(days=LOOK_BACK_DAYS):
            return edition
    return editions[-1] if editions else None


class Edition(WrittenInSourceLanguage, index.Indexed, models.Model):
    """One campaign year. The date follows the campaign rule unless a coordinator overrides it."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2004), MaxValueValidator(2100)]
    )
    date_override = models.DateField(
        _("date (override)"),
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to use the campaign rule: the second day of the second week of February. "
            "Set a date only when the campaign decided otherwise this year."
        ),
    )
    theme = models.CharField(_("theme"), max_length=200)
    slogan = models.CharField(_("slogan"), max_length=200, blank=True)
    key_messages = models.TextField(_("key messages"), blank=True, help_text=_("One message per line."))
    message_before = models.TextField(_("message before the day"), blank=True, max_length=600)
    message_week = models.TextField(_("message for the week of the day"), blank=True, max_length=600)
    message_day = models.TextField(_("message on the day"), blank=True, max_length=600)
    message_after = models.TextField(
        _("look back after the day"),
        blank=True,
        max_length=2000,
        help_text=_("Shown after the day and in the archive."),
    )

    artwork = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("artwork"),
        help_text=_("The theme of the year's artwork; set its focal point in the image editor."),
    )
    artwork_alt = models.CharField(
        _("artwork description"),
        max_length=250,
        blank=True,
        help_text=_("What the artwork shows, for people who cannot see it (in each language)."),
    )

    #: Editions are shared by every region: the editor says which language they write it in.
    source_language = SourceLanguageField()

    objects = EditionQuerySet.as_manager()

    base_form_class = SourceLanguageModelForm
    panels = [
        MultiFieldPanel([FieldPanel("year"), FieldPanel("date_override")], heading=_("Date")),
        FieldPanel("source_language"),
        FieldPanel("theme"),
        FieldPanel("slogan"),
        MultiFieldPanel([FieldPanel("artwork"), FieldPanel("artwork_alt")], heading=_("Artwork")),
        FieldPanel("key_messages"),
        MultiFieldPanel(
            [
                FieldPanel("message_before"),
                FieldPanel("message_week"),
                FieldPanel("message_day"),
                FieldPanel("message_after"),
            ],
            heading=_("Phases"),
        ),
    ]
    search_fields = [index.SearchField("theme"), index.SearchField("slogan"), index.FilterField("year")]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        return f"SID {self.year}"

    def own_source_language(self) -> str:
        return self.source_language

    def clean(self):
        super().clean()
        if self.date_override and self.year and self.date_override.year != self.year:
            raise ValidationError({"date_override": _("The date must be in the edition's own year.")})

    @property
    def rule_date(self) -> datetime.date:
        return campaign_date(self.year)

    @property
    def date(self) -> datetime.date:
        return self.date_override or self.rule_date

    @property
    def key_message_list(self) -> list[str]:
        return [line.strip() for line in (self.key_messages or "").splitlines() if line.strip()]

    def today_in(self, tz: str | zoneinfo.ZoneInfo | None = None, now: datetime.datetime | None = None):
        if isinstance(tz, str):
            tz = zoneinfo.ZoneInfo(tz)
        now = now or timezone.now()
        return now.astimezone(tz or datetime.UTC).date()

    def phase(self, tz=None, now=None) -> str:
        """Which phase the edition is in for someone in time zone ``tz``."""
        today = self.today_in(tz, now)
        delta = (self.date - today).days
        if delta == 0:
            return Phase.DAY
        if delta < 0:
            return Phase.AFTER
        if delta <= WEEK_RADIUS:
            return Phase.WEEK
        return Phase.BEFORE

    def days_to_go(self, tz=None, now=None) -> int:
        return (self.date - self.today_in(tz, now)).days

    def phase_message(self, phase: str) -> str:
        return getattr(self, f"message_{phase}", "") or ""
