import zoneinfo
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import StreamField
from wagtail.search import index

from sitecontent.blocks import ContentStreamBlock
from themes.colour import validate_brand_colour
from translations.core.fallback import parse_rules
from translations.core.fields import LanguageCodesField

from .base import SidPage


@lru_cache(maxsize=1)
def time_zone_choices():
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


@lru_cache(maxsize=1)
def _known_time_zones() -> frozenset[str]:
    # available_timezones() walks the tz database's files on every call (~20 ms): once.
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in _known_time_zones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class RegionPage(SidPage):
    """A region and its partner network (Insafe, RedNATIC, …): the root of its section.

    Everything under a region is edited by that region's coordinators and moderated by its
    moderators (groups kept in step by sitecontent.regions).
    """

    short_code = models.SlugField(
        _("short code"),
        max_length=12,
        unique=True,
        help_text=_("Lower-case code used in account and group names, e.g. eu, latam, apac."),
    )
    network_name = models.CharField(_("partner network"), max_length=120, help_text=_("e.g. Insafe, RedNATIC"))
    network_url = models.URLField(_("partner network website"), blank=True)
    countries = CountryField(_("countries served"), multiple=True, blank=True)
    languages = LanguageCodesField(_("languages offered"), help_text=_("Languages this region publishes in."))
    default_language = models.CharField(_("main language"), max_length=10, choices=settings.LANGUAGES, default="en")
    source_language = models.CharField(
        _("source language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_(
            "The language this region's pages are written in first. Only this language is required; "
            "other languages show it while their translation is missing."
        ),
    )
    time_zone = models.CharField(
        _("default time zone"),
        max_length=64,
        default="UTC",
        choices=time_zone_choices,
        validators=[validate_time_zone],
    )
    fallback_rules = models.TextField(
        _("language fallbacks"),
        blank=True,
        help_text=_(
            "One line per language: the language, a colon, then the languages to show instead "
            'when a text is missing, in order. Example: "pt: es, en". Unlisted languages fall back to English.'
        ),
    )
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    # Region branding lives here (not in a global setting) so region permissions cover it.
    primary_colour = models.CharField(
        _("primary colour"),
        max_length=7,
        blank=True,
        validators=[validate_brand_colour],
        help_text=_("Leave empty to use the site's colours."),
    )
    accent_colour = models.CharField(_("accent colour"), max_length=7, blank=True, validators=[validate_brand_colour])
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("network logo"),
    )

    search_fields = SidPage.search_fields + [index.SearchField("intro"), index.FilterField("short_code")]
    parent_page_types = ["sitecontent.HomePage"]

    content_panels = SidPage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    region_panels = [
        FieldPanel("short_code"),
        MultiFieldPanel([FieldPanel("network_name"), FieldPanel("network_url")], heading=_("Partner network")),
        FieldPanel("countries"),
        MultiFieldPanel(
            [
                FieldPanel("languages"),
                FieldPanel("source_language"),
                FieldPanel("default_language"),
                FieldPanel("fallback_rules"),
            ],
            heading=_("Languages"),
        ),
        FieldPanel("time_zone"),
    ]
    branding_panels = [FieldPanel("primary_colour"), FieldPanel("accent_colour"), FieldPanel("logo")]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(region_panels, heading=_("Region")),
            ObjectList(branding_panels, heading=_("Branding")),
            ObjectList(SidPage.promote_panels, heading=_("Promote")),
            ObjectList(SidPage.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("region")

    def clean(self):
        super().clean()
        codes = {code for code, _name in settings.LANGUAGES}
        try:
            parse_rules(self.fallback_rules, codes)
        except ValueError as error:
            raise ValidationError({"fallback_rules": str(error)}) from error
        if self.languages and self.default_language not in self.languages:
            raise ValidationError({"default_language": _("The main language must be one of the languages offered.")})
        if self.languages and self.source_language not in self.languages:
            raise ValidationError({"source_language": _("The source language must be one of the languages offered.")})

    def own_source_language(self):
        return self.source_language if self.source_language else None

    def parsed_fallback_rules(self):
        codes = {code for code, _name in settings.LANGUAGES}
        try:
            return parse_rules(self.fallback_rules, codes) or None
        except ValueError:
            return None  # invalid rules never reach here through the admin; be safe anyway

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The section list shows each section's title and link, both on the page row: the
        # specific rows (one wide query per section type) are left deferred until read.
        context["sections"] = self.get_children().live().public().in_menu().specific(defer=True).order_by("path")
        return context
