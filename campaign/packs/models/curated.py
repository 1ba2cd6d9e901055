"""Curated packs: a coordinator's named selection of library items for one region."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from campaign.packs.forms import CuratedPackForm
from translations.core.source import WrittenInSourceLanguage


class CuratedPack(WrittenInSourceLanguage, ClusterableModel):
    region = models.ForeignKey(
        "sitecontent.RegionPage", on_delete=models.PROTECT, related_name="+", verbose_name=_("region")
    )
    title = models.CharField(_("title"), max_length=160, help_text=_('e.g. "Ages 9–12, SID 2027"'))
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=600)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = CuratedPackForm

    panels = [
        FieldPanel("region"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("description"),
        InlinePanel("items", label=_("Resources and guides"), min_num=1),
    ]

    class Meta:
        verbose_name = _("curated pack")
        verbose_name_plural = _("curated packs")
        ordering = ["region__path", "title"]

    #: Written first in its region's source language (translations.core.source).
    source_language_field = "region"

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.region_id:
            return
        region = self.region
        outside = [
            item.page.title for item in self.items.all() if item.page_id and not item.page.path.startswith(region.path)
        ]
        if outside:
            raise ValidationError(
                _("A pack can only hold this region's material. Not in %(region)s: %(titles)s.")
                % {"region": region.title, "titles": ", ".join(outside)}
            )


class CuratedPackItem(Orderable):
    pack = ParentalKey(CuratedPack, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("resource or guide")
    )

    panels = [PageChooserPanel("page", ["sitecontent.ResourcePage", "sitecontent.GuidePage", "stories.CaseCardPage"])]

    class Meta(Orderable.Meta):
        verbose_name = _("pack item")
