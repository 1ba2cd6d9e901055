"""What a calendar's pages and its feeds both read from the request: the filters of the URL,
the events they keep, and the day "on the day" shows (``campaign.events.views`` and
``campaign.events.feeds`` import them; neither imports the other)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from campaign.editions.models import Edition, current_edition

from .filters import CalendarFilterForm
from .models import EventPage


def calendar_filters(calendar_page, request, years=None) -> CalendarFilterForm:
    """The calendar's filter form, bound to the URL's query (its region's countries offered)."""
    region = calendar_page.region
    codes = list(region.countries) if region is not None and region.countries else None
    codes = [getattr(code, "code", code) for code in codes] if codes else None
    return CalendarFilterForm(request.GET or None, country_codes=codes, years=years)


def filtered_events(form, zone, dates: bool = True):
    """The events the chosen filters keep (among all events; the calendar's own conditions are
    on the rows, ``listed_rows``), or None when no filter is chosen. ``dates=False``: without
    the date range (the caller selects the rows in it)."""
    chosen = set(form.active()) - (set() if dates else {"date_from", "date_to"})
    return form.apply(EventPage.objects.all(), zone, dates=dates) if chosen else None


def the_day(editions=None) -> tuple[Edition | None, datetime.date]:
    """The current edition and its day (today when there is no edition); among ``editions``
    when the caller has read them all."""
    edition = Edition.objects.current() if editions is None else current_edition(editions)
    return edition, edition.date if edition else timezone.now().date()
