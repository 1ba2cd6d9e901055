"""EventCalendarPage: a region's calendar (under a RegionPage) or the global one (under the home)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from sitecontent import page_views
from sitecontent.models import SidPage


class EventCalendarPage(RoutablePageMixin, SidPage):
    intro = models.TextField(_("introduction"), blank=True, max_length=1000)
    accepts_submissions = models.BooleanField(
        _("partners can submit events"),
        default=True,
        help_text=_("Show the public form through which partners submit events for moderation."),
    )

    content_panels = SidPage.content_panels + [FieldPanel("intro"), FieldPanel("accepts_submissions")]
    parent_page_types = ["sitecontent.HomePage", "sitecontent.RegionPage"]
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = _("event calendar")

    @property
    def is_global(self) -> bool:
        return self.region is None

    @property
    def time_zone(self) -> str:
        region = self.region
        return region.time_zone if region is not None else "UTC"

    def events(self):
        """Every live, public event this calendar shows (the global one shows all regions')."""
        from sitecontent.routing import private_pages, under_unpublished

        from .event import EventPage

        # Not private (known from routing when this calendar is the page served: no query)
        # and not below an unpublished calendar or region either (sitecontent.routing).
        events = EventPage.objects.live().exclude(private_pages(self)).exclude(under_unpublished())
        if self.is_global:
            return events.descendant_of(self.get_parent())
        return events.descendant_of(self.region)

    def serve(self, request, view=None, args=None, kwargs=None):
        return self._render_with_region_fallbacks(RoutablePageMixin.serve.__get__(self), request, view, args, kwargs)

    # Routes: thin; the work is in the view functions campaign.events.views (listing), .feeds,
    # .bulk.views, .submissions.views and campaign.reach.views register (sitecontent.page_views).
    @path("", name="upcoming")
    def upcoming_view(self, request):
        return page_views.call("events.upcoming", self, request)

    @path("month/", name="this_month")
    @re_path(r"^month/(?P<year>\d{4})/(?P<month>\d{1,2})/$", name="month")
    def month_view(self, request, year=None, month=None):
        return page_views.call("events.month", self, request, year, month)

    @path("on-the-day/", name="on_the_day")
    def on_the_day_view(self, request):
        return page_views.call("events.on_the_day", self, request)

    @path("on-the-day/feed/", name="on_the_day_feed")
    def on_the_day_feed_view(self, request):
        return page_views.call("events.calendar_feed", self, request, on_the_day=True)

    @path("countries/", name="countries")
    def countries_view(self, request):
        return page_views.call("events.countries", self, request)

    @path("map/", name="map")
    def map_view(self, request):
        return page_views.call("reach.world_map", self, request)

    @path("feed/", name="feed")
    def feed_view(self, request):
        return page_views.call("events.calendar_feed", self, request)

    @path("submit/upload/", name="upload")
    def upload_view(self, request):
        return page_views.call("events.upload", self, request)

    @re_path(r"^submit/upload/template/(?P<file_format>xlsx|csv)/$", name="upload_template")
    def upload_template_view(self, request, file_format):
        return page_views.call("events.upload_template", self, request, file_format)

    @path("submit/", name="submit")
    def submit_view(self, request):
        return page_views.call("events.submit", self, request)
