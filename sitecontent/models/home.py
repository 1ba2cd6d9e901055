from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from sitecontent.blocks import ContentStreamBlock

from .base import SidPage
from .region import RegionPage


class HomePage(SidPage):
    """The global home: the campaign, and the way into each region."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(ContentStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = SidPage.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = SidPage.search_fields + [index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("global home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["regions"] = RegionPage.objects.child_of(self).live().public().select_related("logo").order_by("path")
        return context
