"""The help directory: one entry per country, with its helplines and reporting hotlines.

Coordinators edit entries for the countries of their own region (see ``permissions``).
Translated fields are registered in ``translations/registrations/helplines.py``.
"""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from sitecontent.models import RegionPage
from translations.core.source import WrittenInSourceLanguage

from .languages import parse_language_codes, validate_language_codes
from .panels import DemoDataNoticePanel
from .phones import dial_string, validate_phone


class CountryHelpQuerySet(models.QuerySet):
    def with_services(self):
        """Helplines and hotlines in two extra queries, whatever their number."""
        return self.prefetch_related("helplines", "hotlines")


class CountryHelp(WrittenInSourceLanguage, ClusterableModel):
    """Where a child in one country can talk to someone, report, and learn more.

    Written first in the source language of the region that serves its country (the first
    region, in page-tree order, whose countries include it; English when none does): a
    Spanish-only coordinator never types English names of helplines.
    """

    #: The source language comes from a region (the form's error message says so).
    source_language_from_region = True

    country = CountryField(_("country"), unique=True)
    emergency_number = models.CharField(
        _("emergency number"),
        max_length=32,
        blank=True,
        validators=[validate_phone],
        help_text=_("The number to call in immediate danger, e.g. 112."),
    )
    centre_name = models.CharField(_("Safer Internet Centre"), max_length=160, blank=True)
    centre_url = models.URLField(_("Safer Internet Centre website"), blank=True)
    notes = models.TextField(
        _("notes for visitors"),
        blank=True,
        max_length=600,
        help_text=_("Shown on the help page, e.g. which service to choose for what. Plain text."),
    )
    is_demo_data = models.BooleanField(
        _("demo data: verify before launch"),
        default=False,
        help_text=_(
            "Ticked for entries created as examples. Check every number and address with the service "
            "itself, then untick."
        ),
    )
    last_verified = models.DateField(
        _("last verified"),
        null=True,
        blank=True,
        help_text=_("When someone last checked these details with the services."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = CountryHelpQuerySet.as_manager()

    panels = [
        DemoDataNoticePanel(),
        HelpPanel(
            content=_(
                "A frightened child reads this page. List the services in the order they are most useful: "
                "the free child helpline first. Every number becomes a tap-to-call link."
            ),
        ),
        FieldPanel("country"),
        FieldRowPanel([FieldPanel("is_demo_data"), FieldPanel("last_verified")], heading=_("Checks")),
        FieldPanel("emergency_number"),
        InlinePanel("helplines", heading=_("Helplines: someone to talk to"), label=_("helpline")),
        InlinePanel("hotlines", heading=_("Hotlines: report illegal content"), label=_("hotline")),
        MultiFieldPanel([FieldPanel("centre_name"), FieldPanel("centre_url")], heading=_("Safer Internet Centre")),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("country help entry")
        verbose_name_plural = _("help directory")
        ordering = ["country"]

    def __str__(self):
        return str(self.country.name)

    def own_source_language(self) -> str | None:
        code = str(self.country.code) if self.country else ""
        if not code:
            return None
        cached = self.__dict__.get("_sid_source_language")
        if cached is not None and cached[0] == code:
            return cached[1]

        # CountryField(multiple=True) stores "BE,FR,DE": two-letter codes never straddle a comma.
        source = (
            RegionPage.objects.filter(countries__contains=code)
            .order_by("path")
            .values_list("source_language", flat=True)
            .first()
        )
        self.__dict__["_sid_source_language"] = (code, source)
        return source


class EntryService(WrittenInSourceLanguage):
    """A helpline or hotline of a help entry: named, and written in its entry's source language."""

    #: The source language comes from the entry's region.
    source_language_from_region = True

    def __str__(self):
        return self.name

    def own_source_language(self) -> str | None:
        try:
            entry = self.entry
        except ObjectDoesNotExist:  # a new service not attached yet
            return None
        return entry.own_source_language() if entry is not None else None


class Helpline(EntryService, Orderable):
    """A service a child can call, text or chat with."""

    entry = ParentalKey(CountryHelp, on_delete=models.CASCADE, related_name="helplines")
    name = models.CharField(_("name"), max_length=160)
    phone = models.CharField(_("phone"), max_length=32, blank=True, validators=[validate_phone])
    sms = models.CharField(_("text message (SMS)"), max_length=32, blank=True, validators=[validate_phone])
    chat_url = models.URLField(_("chat address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    hours = models.CharField(_("opening hours"), max_length=160, blank=True, help_text=_('e.g. "Every day, 24 hours"'))
    languages = models.CharField(
        _("languages spoken"),
        max_length=120,
        blank=True,
        validators=[validate_language_codes],
        help_text=_('Language codes separated by commas, e.g. "fr, nl, de".'),
    )
    free_of_charge = models.BooleanField(_("free of charge"), default=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("sms")]),
        FieldRowPanel([FieldPanel("chat_url"), FieldPanel("website")]),
        FieldPanel("hours"),
        FieldRowPanel([FieldPanel("languages"), FieldPanel("free_of_charge")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("helpline")
        verbose_name_plural = _("helplines")

    @property
    def phone_dial(self) -> str:
        return dial_string(self.phone)

    @property
    def sms_dial(self) -> str:
        return dial_string(self.sms)

    @property
    def language_codes(self) -> list[str]:
        return parse_language_codes(self.languages)


class Hotline(EntryService, Orderable):
    """A service that takes reports of illegal content (child sexual abuse material, grooming)."""

    entry = ParentalKey(CountryHelp, on_delete=models.CASCADE, related_name="hotlines")
    name = models.CharField(_("name"), max_length=160)
    report_url = models.URLField(_("report address"), help_text=_("The page of the service where a report is made."))

    panels = [FieldPanel("name"), FieldPanel("report_url")]

    class Meta(Orderable.Meta):
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")
