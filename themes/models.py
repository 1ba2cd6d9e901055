"""Site-wide branding, edited as a Wagtail site setting by global administrators.

Region branding (colours, logo) is edited on each RegionPage instead, so that it falls under
the region's page permissions: a coordinator can re-brand their own region only.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from translations.panels import language_tabs

from .colour import validate_brand_colour


def theme_choices():
    from pathlib import Path

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
