"""Site-wide branding, edited as a Wagtail site setting by global administrators.

Region branding (colours, logo) is edited on each RegionPage instead, so that it falls under
the region's page permissions: a coordinator can re-brand their own region only.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    PageChooserPanel,
    TabbedInterface,
)
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Orderable, Site

from sid.shared_values import SharedValue
from translations.core.panels import language_tabs

from .colour import validate_brand_colour


def theme_choices():
    root = Path(__file__).resolve().parent / "templates" / "themes"
    return [(p.name, p.name) for p in sorted(root.iterdir()) if p.is_dir()]


@register_setting(icon="image")
class BrandingSettings(BaseSiteSetting):
    theme = models.CharField(
        _("theme"),
        max_length=40,
        default="default",
        choices=theme_choices,
        help_text=_("Templates and styles to use; missing templates come from the default theme."),
    )
    site_name = models.CharField(_("site name"), max_length=80, default="Safer Internet Day")
    slogan = models.CharField(
        _("slogan"),
        max_length=160,
        blank=True,
        help_text=_("Shown under the site name. The current edition's slogan takes precedence when set."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("logo"),
    )
    primary_colour = models.CharField(
        _("primary colour"), max_length=7, default="#1a4f8b", validators=[validate_brand_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default="#9b1c5a", validators=[validate_brand_colour]
    )

    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    FieldPanel("theme"),
                    FieldPanel("logo"),
                    MultiFieldPanel([FieldPanel("primary_colour"), FieldPanel("accent_colour")], heading=_("Colours")),
                ],
                heading=_("Branding"),
            ),
            # Site name and slogan in every language (one tab each).
            *language_tabs(("site_name", "slogan")),
        ]
    )

    class Meta:
        verbose_name = _("branding")

    @classmethod
    def for_request(cls, request):
        """Wagtail's, with the site's branding (read on every page served) from the shared
        cache; ``for_site``, which the settings editor uses, still reads the database."""
        name = cls.get_cache_attr_name()
        if not hasattr(request, name) and (site := Site.find_for_request(request)) is not None:
            branding = BRANDING.get(lambda: cls.for_site(site), part=site.pk)
            branding._request = request  # as Wagtail's sets it, for its page URLs
            setattr(request, name, branding)
        return super().for_request(request)


#: Every site's branding, read again after a change (receivers in themes.signals).
BRANDING = SharedValue("branding")


# -- Main menu -----------------------------------------------------------------------------------
class NavigationView(models.TextChoices):
    """Sections that are views, not pages (a menu link to a page uses the page chooser)."""

    HELP = "help", _("Get help / Report")
    EDITIONS = "editions", _("Editions")
    PACKS = "packs", _("Ready-made packs")
    SITE_MAP = "site_map", _("Site map")


#: URL names of the views above.
NAVIGATION_VIEW_URLS = {
    NavigationView.HELP: "helplines:index",
    NavigationView.EDITIONS: "editions:archive",
    NavigationView.PACKS: "packs:list",
    NavigationView.SITE_MAP: "site_map",
}


class MenuPlacement(models.TextChoices):
    MAIN = "main", _("Main menu (header)")
    FOOTER = "footer", _("Footer")


class NavigationMenu(ClusterableModel):
    """The main menu and the footer: one global menu of each, and one per region shown on that
    region's pages.

    Links point at pages (their title in the visitor's language) or at site sections; a label
    may replace the title, per language (translated field, with the usual fallback).
    """

    region = models.ForeignKey(
        "sitecontent.RegionPage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="navigation_menus",
        verbose_name=_("region"),
        help_text=_("Leave empty for the global menu, shown outside the regions and where a region has none."),
    )
    placement = models.CharField(_("placement"), max_length=10, choices=MenuPlacement.choices, default="main")

    panels = [FieldPanel("placement"), FieldPanel("region"), InlinePanel("items", label=_("Links"), min_num=1)]

    class Meta:
        verbose_name = _("main menu")
        verbose_name_plural = _("main menus")
        constraints = [
            models.UniqueConstraint(fields=["region", "placement"], name="navigation_one_menu_per_region"),
            models.UniqueConstraint(
                fields=["placement"], name="navigation_one_global_menu", condition=models.Q(region__isnull=True)
            ),
        ]

    def __str__(self):
        where = str(self.region.title) if self.region_id else str(_("Global"))
        return f"{where}: {self.get_placement_display()}"


class NavigationItem(Orderable):
    menu = ParentalKey(NavigationMenu, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    view = models.CharField(_("section"), max_length=20, choices=NavigationView.choices, blank=True)
    label = models.CharField(
        _("label"), max_length=60, blank=True, help_text=_("Leave empty to use the page's title or the section's name.")
    )

    panels = [PageChooserPanel("page"), FieldPanel("view"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("menu link")

    def clean(self):
        if bool(self.page_id) == bool(self.view):
            raise ValidationError(_("Choose either a page or a section for each link."))


#: Each region's menus (and the global ones), read again after a menu or link changes
#: (themes.signals); ``themes.templatetags.navigation_tags.page_menus`` reads their pages.
MENUS = SharedValue("menus")
