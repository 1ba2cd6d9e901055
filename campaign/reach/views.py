"""The "Around the world" map: a route of every event calendar (global and per region).

The figures are the calendar's own per-country counts (``campaign.events.counts``) for one
edition, through the calendar's own filter form, so the map and "By country" cannot
disagree. A fixed number of queries (edition list, edition, one grouped count) whatever the
number of events; the page is public and cached (``sid.httpcache``) and purged with the
calendar's other views when an event changes (``sid.purging.CALENDAR_PATHS``).
"""

from __future__ import annotations

import zoneinfo

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import get_language

from campaign.editions.models import Edition
from campaign.events.counts import events_by_country
from campaign.events.filters import CalendarFilterForm
from sitecontent.page_views import page_view

from . import worldmap
from .worldmap import country_name


def _edition_year(request, years: list[int]) -> int | None:
    wanted = request.GET.get("edition", "")
    if wanted.isdigit() and int(wanted) in years:
        return int(wanted)
    current = Edition.objects.current()
    if current is not None and current.year in years:
        return current.year
    return years[0] if years else None


def map_figures(calendar_page, year: int | None) -> list[dict]:
    """Events per country of edition ``year`` on this calendar: the calendar's own count."""
    if year is None:
        return []
    form = CalendarFilterForm(QueryDict(f"edition={year}"))
    events = form.apply(calendar_page.events(), zoneinfo.ZoneInfo(calendar_page.time_zone))
    return events_by_country(events)


@page_view("reach.world_map")
def world_map(calendar_page, request):
    language = get_language()
    years = list(Edition.objects.order_by("-year").values_list("year", flat=True))
    year = _edition_year(request, years)
    rows = map_figures(calendar_page, year)
    calendar_url = calendar_page.get_url(request)

    def links(code: str) -> dict:
        return {
            "events": f"{calendar_url}?country={code}&edition={year}",
            "help": reverse("helplines:country", kwargs={"country": code.lower()}),
        }

    counts = {row["country"]: row["total"] for row in rows if row["country"]}
    region = calendar_page.region
    scope = [getattr(code, "code", code) for code in region.countries] if region is not None else None
    drawn = worldmap.build(counts, language, scope=scope or None, links=links)
    table = [
        {
            "code": row["country"],
            "name": country_name(row["country"], language) if row["country"] else "",
            "total": row["total"],
            "links": links(row["country"]) if row["country"] else {},
        }
        for row in rows
    ]
    return calendar_page.render(
        request,
        context_overrides={
            "view_name": "map",
            "map": drawn,
            "background_path": "".join(drawn.background),
            "table": table,
            "edition_years": years,
            "edition_year": year,
            "total_events": sum(row["total"] for row in rows),
            "total_countries": len(counts),
        },
    )
