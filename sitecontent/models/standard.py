from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from sitecontent.blocks import ContentStreamBlock

from .base import SidPage


class StandardPage(SidPage):
    """A general content page: about, privacy, how-to, campaign explanations."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = SidPage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SidPage.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["sitecontent.HomePage", "sitecontent.RegionPage", "sitecontent.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
