"""The public side: one stories section per region, and one page per approved story.

A StoryPage is created as a draft by the background pipeline and only goes live when a
moderator of the region approves it through the region's workflow. Its slug is random,
never derived from the title, so a URL gives nothing away.
"""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from sitecontent import page_views
from sitecontent.models import SidPage

from ..consent import AgeBand
from ..panels import SafetyFlagsPanel
from ..text import normalise_pen_name
from .submission import ALT_MAX, BODY_MAX, PEN_NAME_MAX

STORIES_PER_PAGE = 12


class StoryIndexPage(RoutablePageMixin, SidPage):
    """A region's stories: the published ones, and the form to send one (``submit/``)."""

    intro = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = SidPage.content_panels + [FieldPanel("intro")]
    search_fields = SidPage.search_fields + [index.SearchField("intro")]
    parent_page_types = ["sitecontent.RegionPage"]
    subpage_types = ["stories.StoryPage"]

    class Meta:
        verbose_name = _("stories section")

    def stories(self):
        return (
            StoryPage.objects.child_of(self)
            .live()
            .public()
            .select_related("submission")
            .order_by("-first_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.stories(), STORIES_PER_PAGE)
        context["stories"] = paginator.get_page(request.GET.get("page"))
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("submit/")
    def submit(self, request):
        return page_views.call("stories.submit", self, request)


class StoryPage(SidPage):
    """An approved story. Never holds contact data; the picture is shown as renditions only."""

    pen_name = models.CharField(_("pen name"), max_length=PEN_NAME_MAX)
    age_band = models.CharField(_("age group"), max_length=10, choices=AgeBand.choices)
    country = CountryField(_("country"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    body = models.TextField(_("story"), max_length=BODY_MAX)
    picture_alt = models.CharField(
        _("picture description"),
        max_length=ALT_MAX,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it."),
    )

    content_panels = [
        SafetyFlagsPanel(),
        FieldPanel("title"),
        FieldPanel("pen_name"),
        FieldPanel("body"),
        FieldPanel("picture_alt"),
        MultiFieldPanel(
            [
                FieldPanel("age_band", read_only=True),
                FieldPanel("country", read_only=True),
                FieldPanel("language", read_only=True),
            ],
            heading=_("About the author"),
        ),
    ]
    promote_panels = []
    search_fields = SidPage.search_fields + [index.SearchField("body"), index.SearchField("pen_name")]
    parent_page_types = ["stories.StoryIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("youth story")
        verbose_name_plural = _("youth stories")

    def own_source_language(self):
        """A story is written in its own language, whatever its region's source language."""
        return self.language or None

    def save(self, *args, **kwargs):
        # Published as typed, but in one form: "Ａｄｍｉｎ" is stored (and checked) as "Admin".
        self.pen_name = normalise_pen_name(self.pen_name)
        return super().save(*args, **kwargs)
