"""EventCalendarPage: a region's calendar (under a RegionPage) or the global one (under the home)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import BooleanField, Case, Q, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from sitecontent import page_views
from sitecontent.models import SidPage


@dataclass(frozen=True)
class CalendarScope:
    """Which calendars' events a calendar lists (``EventCalendarPage.scope``).

    ``path``: the pages it lists events below (its region, or the home for the global one).
    ``calendar_ids``: the calendars there whose live events are listed: published, not
    private, and not below an unpublished or private page. ``unlisted_paths``: the other
    calendars there (their events are not listed). ``hidden``: the scope itself is below an
    unpublished page, so nothing is listed.
    """

    path: str
    calendar_ids: tuple[int, ...]
    unlisted_paths: tuple[str, ...]
    hidden: bool


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

    def scope(self) -> CalendarScope:
        """The calendars whose events this calendar lists, in one query (no ``Page`` scan).

        Events are children of calendars, and calendars of a region or the home
        (``parent_page_types``): an event is below an unpublished or private page exactly when
        its calendar, or a page above it, is one. One query reads those few pages: the
        scope's ancestors by their tree paths, the calendars and regions below it by their
        content types (indexed), each marked private or not. A page between a calendar and
        the scope of another type (a tree built by hand) is read by a second query.
        """
        from sitecontent.restrictions import private_pages

        step = Page.steplen
        region = self.region
        base = region.path if region is not None else self.path[:-step]
        kinds = [EventCalendarPage, *EventCalendarPage.allowed_parent_page_models()]
        type_ids = [kind.pk for kind in ContentType.objects.get_for_models(*kinds, for_concrete_models=False).values()]
        calendar_type = ContentType.objects.get_for_model(EventCalendarPage, for_concrete_model=False).pk
        private = Case(When(private_pages(), then=Value(True)), default=Value(False), output_field=BooleanField())

        def read(condition):
            rows = Page.objects.filter(condition).annotate(private=private)
            return {row[0]: row[1:] for row in rows.values_list("path", "pk", "live", "content_type_id", "private")}

        ancestors = [base[:end] for end in range(step, len(base) + 1, step)]
        pages = read(
            Q(path__in=ancestors) | Q(content_type_id__in=type_ids, path__startswith=base, depth__gt=len(base) // step)
        )
        calendars = [key for key, row in pages.items() if row[2] == calendar_type and len(key) > len(base)]
        chains = {key: [key[:end] for end in range(step, len(key) + 1, step)] for key in calendars}
        missing = {link for chain in chains.values() for link in chain if link not in pages}
        if missing:
            pages.update(read(Q(path__in=missing)))
        hidden = not all(pages[link][1] for link in ancestors if link in pages)
        listed, unlisted = [], []
        for key in calendars:
            # Listed when it and every page above it are live, and none is private (the
            # calendar's own mark covers restrictions on the pages above it).
            live = all(pages[link][1] for link in chains[key])
            if not hidden and live and not pages[key][3]:
                listed.append(pages[key][0])
            else:
                unlisted.append(key)
        return CalendarScope(path=base, calendar_ids=tuple(listed), unlisted_paths=tuple(unlisted), hidden=hidden)

    def events(self, scope: CalendarScope | None = None):
        """Every live, public event this calendar shows (the global one shows all regions').

        ``scope``: what ``scope()`` answered, when the caller has read it already."""
        from sitecontent.restrictions import private_pages

        from .event import EventPage

        scope = scope or self.scope()
        if scope.hidden:
            return EventPage.objects.none()
        # Not private (the restricted sections from the cache: no query) and not below an
        # unpublished (or private) calendar or region.
        events = EventPage.objects.live().exclude(private_pages())
        for unlisted in scope.unlisted_paths:
            events = events.exclude(path__startswith=unlisted)
        return events.filter(path__startswith=scope.path, depth__gt=len(scope.path) // Page.steplen)

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
