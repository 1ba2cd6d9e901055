"""Embeds for national sites: a calendar or a resource list in an ``<iframe>`` on their pages.

* ``/<lang>/embed/calendar/?region=&country=&audience=&language=&format=&date_from=&date_to=``
  the upcoming events of a region's calendar (or the global one), filtered by the calendar's
  own filter form;
* ``/<lang>/embed/library/?region=&topic=&age=&audience=&format=&language=`` the library's
  first results for those facets (``sitecontent.library.search.LibraryQuery``);
* ``/<lang>/embed/`` the widget generator (linked from the calendar and library pages; the
  admin has the same form under "Embeds"): choose what to show and in which language, get
  the snippet and a preview;
* ``/embed.js`` the small script a national site may add next to the frame: it sets the
  frame's height from the ``postMessage`` the embed sends. Without it the frame keeps its
  ``height`` attribute and scrolls.

Embed views are ``@embeddable`` (``sid.framing``): framing allowed for them only, and no
cookie ever set. They read no session and have no form, so they are cached like any page.
"""

from __future__ import annotations

import zoneinfo
from pathlib import Path
from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django_countries import countries

from campaign.events.filters import CalendarFilterForm
from campaign.events.models import EventCalendarPage
from campaign.events.occurrences import listed_upcoming
from sid.framing import embeddable
from sitecontent.library.search import FACETS, LibraryQuery
from sitecontent.models import RegionPage, ResourceIndexPage, Topic
from themes.loader import template_names
from translations.core.fallback import region_fallbacks
from translations.core.languages import native_language_choices

#: Items an embed shows before its "see all" link.
EMBED_ITEMS = 10
KINDS = (("calendar", _("Calendar of events")), ("library", _("Resource list")))
SCRIPT = Path(__file__).parent / "static" / "syndication" / "js" / "embed.js"


def _region(code):
    if not code:
        return None
    return RegionPage.objects.live().public().filter(short_code=code).first()


def _render(request, name, context, status=200):
    context.setdefault("more_url", request.build_absolute_uri(f"/{get_language()}/"))
    return TemplateResponse(request, template_names(f"embeds/{name}.html"), context, status=status)


def _with_region(pages, region):
    """Pages of one region's calendar know their region without a query each."""
    if region is not None:
        for page in pages:
            page.__dict__.setdefault("region", region)
    return pages


# -- the calendar ---------------------------------------------------------------------------
def calendar_for(region):
    """The region's calendar, or the global one (under the home page)."""
    calendars = EventCalendarPage.objects.live().public()
    if region is not None:
        return calendars.descendant_of(region).order_by("path").first()
    return next((calendar for calendar in calendars.filter(depth__lte=3).order_by("path") if calendar.is_global), None)


@require_GET
@embeddable
def embed_calendar(request):
    region = _region(request.GET.get("region"))
    calendar = calendar_for(region)
    if calendar is None or (request.GET.get("region") and region is None):
        return _render(request, "not_found", {}, status=404)
    form = CalendarFilterForm(request.GET or None)
    zone = zoneinfo.ZoneInfo(calendar.time_zone)
    events = listed_upcoming(form.apply(calendar.events(), zone), form.active(), timezone.now())
    query = form.query_string()
    with region_fallbacks(calendar.active_fallback_rules()):
        response = _render(
            request,
            "calendar",
            {
                "calendar": calendar,
                "events": _with_region(list(events[:EMBED_ITEMS]), region),
                "total": events.count(),
                "more_url": request.build_absolute_uri(calendar.get_url(request) + (f"?{query}" if query else "")),
            },
        )
        response.render()
    return response


# -- the library ----------------------------------------------------------------------------
@require_GET
@embeddable
def embed_library(request):
    code = request.GET.get("region")
    region = _region(code)
    if code and region is None:
        return _render(request, "not_found", {}, status=404)
    libraries = ResourceIndexPage.objects.live().public().order_by("path")
    library = (
        libraries.descendant_of(region).first()
        if region is not None
        else next((index for index in libraries.filter(depth__lte=3) if index.is_global), None)
    )
    if library is None:
        return _render(request, "not_found", {}, status=404)
    selected = {name: [v for v in request.GET.getlist(name) if v][:20] for name, _label in FACETS if name != "region"}
    query = LibraryQuery(selected=selected, scope=region, show_region_facet=region is None)
    query.per_page = EMBED_ITEMS
    with region_fallbacks(library.active_fallback_rules()):
        result = query.run()
        for item in result.results:
            # The region each result already knows: a text shown from its source language asks
            # for it (translations.core.source), one query per item otherwise.
            item.page.__dict__.setdefault("region", item.region_page)
        more = request.build_absolute_uri(
            library.get_url(request) + (f"?{result.filters_query}" if result.filters_query else "")
        )
        response = _render(request, "library", {"library_page": library, "library": result, "more_url": more})
        response.render()
    return response


# -- the script the host page may add ------------------------------------------------------
def embed_script(request):
    """``/embed.js``: a stable address (hashed static names change with every deploy)."""
    response = HttpResponse(SCRIPT.read_bytes(), content_type="text/javascript; charset=utf-8")
    response.sid_language_independent = True
    return response


# -- the generator --------------------------------------------------------------------------
class EmbedForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to show"), choices=KINDS, initial="calendar")
    language = forms.ChoiceField(label=_("Language"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    country = forms.ChoiceField(label=_("Country (calendar)"), required=False)
    audience = forms.CharField(required=False, widget=forms.HiddenInput)
    topic = forms.ChoiceField(label=_("Topic (resource list)"), required=False)
    age = forms.CharField(required=False, widget=forms.HiddenInput)
    format = forms.CharField(required=False, widget=forms.HiddenInput)
    height = forms.IntegerField(label=_("Height in pixels"), min_value=200, max_value=3000, initial=600, required=False)

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        any_choice = [("", _("Any"))]
        self.fields["language"].choices = native_language_choices()
        self.fields["language"].initial = get_language()
        self.fields["region"].choices = any_choice + [
            (region.short_code, region.title) for region in RegionPage.objects.live().public().order_by("path")
        ]
        self.fields["country"].choices = any_choice + list(countries)
        self.fields["topic"].choices = any_choice + [(topic.slug, topic.name) for topic in Topic.objects.all()]

    def params(self) -> dict:
        data = self.cleaned_data
        names = (
            ("region", "country", "audience", "format")
            if data["kind"] == "calendar"
            else ("region", "topic", "age", "audience", "format")
        )
        return {name: data[name] for name in names if data.get(name)}

    def embed_url(self, request) -> str:
        data = self.cleaned_data
        with translation.override(data.get("language") or get_language()):
            path = reverse(f"embed_{data['kind']}")
        query = urlencode(self.params())
        return request.build_absolute_uri(path + (f"?{query}" if query else ""))


def generator_context(request) -> dict:
    """The form, and once chosen, the embed's address and the snippet to copy."""
    form = EmbedForm(request.GET or None)
    context = {"form": form}
    if form.is_bound and form.is_valid():
        url = form.embed_url(request)
        context["embed_url"] = url
        context["height"] = form.cleaned_data.get("height") or 600

        with translation.override(form.cleaned_data.get("language") or get_language()):
            # The frame's title is read by screen readers on the partner's page: its language.
            title = str(dict(KINDS)[form.cleaned_data["kind"]])
        context["snippet"] = render_to_string(
            template_names("embeds/snippet.txt"),
            {
                "url": url,
                "height": context["height"],
                "title": title,
                "script_url": request.build_absolute_uri("/embed.js"),
            },
        ).strip()
    return context


@require_GET
def generator(request):
    return TemplateResponse(request, template_names("embeds/generator.html"), generator_context(request))


def admin_generator(request):
    """The same generator in the admin (a menu item, syndication.wagtail_hooks)."""
    return TemplateResponse(request, "syndication/admin/generator.html", generator_context(request))


def embed_link(kind: str, query: str = "") -> str:
    """The generator's address for a calendar or library page with its filters."""
    return reverse("embed_generator") + "?" + urlencode({"kind": kind}) + (f"&{query}" if query else "")
