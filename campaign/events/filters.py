"""Calendar filters, read from the query string (so every filtered view has a URL and a feed)."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries as all_countries

from translations.core.languages import native_language_choices
from translations.core.widgets import LanguageSelect

from .fields import json_list_has
from .models import Audience, EventFormat
from .occurrences import occurring
from .timing import validate_year_range

#: The widest date range a filter may ask for; keeps a query from scanning decades.
MAX_RANGE_DAYS = 3 * 366


class CalendarFilterForm(forms.Form):
    country = forms.ChoiceField(label=_("Country"), required=False)
    audience = forms.ChoiceField(label=_("Audience"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False, widget=LanguageSelect)
    format = forms.ChoiceField(label=_("Format"), required=False)
    edition = forms.TypedChoiceField(label=_("Edition"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        validators=[validate_year_range],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    date_to = forms.DateField(
        label=_("To"),
        required=False,
        validators=[validate_year_range],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    FIELDS = ("country", "audience", "language", "format", "edition", "date_from", "date_to")

    def __init__(self, data=None, *, country_codes=None, years=None, **kwargs):
        super().__init__(data, **kwargs)
        any_choice = [("", _("Any"))]
        codes = sorted(country_codes) if country_codes else None
        country_choices = [(code, name) for code, name in all_countries if codes is None or code in codes]
        self.fields["country"].choices = any_choice + country_choices
        self.fields["audience"].choices = any_choice + list(Audience.choices)
        self.fields["language"].choices = any_choice + native_language_choices()
        self.fields["format"].choices = any_choice + [
            ("online", _("Online (or hybrid)")),
            ("in_person", _("In person (or hybrid)")),
        ]
        # ``years``: every edition's year, newest first, when the view has read the editions.
        years = edition_years() if years is None else years
        self.fields["edition"].choices = any_choice + [(str(year), str(year)) for year in years]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end:
            if end < start:
                self.add_error("date_to", _("The end of the range must not be before its start."))
            elif (end - start).days > MAX_RANGE_DAYS:
                self.add_error("date_to", _("Choose a range of at most three years."))
        return cleaned

    def active(self) -> dict:
        """The valid, non-empty filters (invalid ones are ignored, and reported on the form)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.FIELDS if data.get(name) and name not in self.errors}

    def apply(self, events, zone, dates: bool = True):
        """Narrow an EventPage queryset. Dates are the calendar's local dates (``zone``);
        ``dates=False`` leaves the date range out (the caller applies ``date_range`` itself)."""
        active = self.active()
        if "country" in active:
            events = events.filter(country=active["country"])
        if "edition" in active:
            events = events.filter(edition__year=active["edition"])
        if "audience" in active:
            events = events.filter(**json_list_has("audience", active["audience"]))
        if "language" in active:
            events = events.filter(**json_list_has("languages", active["language"]))
        if active.get("format") == "online":
            events = events.filter(format__in=[EventFormat.ONLINE, EventFormat.HYBRID])
        elif active.get("format") == "in_person":
            events = events.filter(format__in=[EventFormat.IN_PERSON, EventFormat.HYBRID])
        if dates and ("date_from" in active or "date_to" in active):
            # Any occurrence in the range (a recurring event is in every range one of its dates is).
            ends_after, starts_before = self.date_range(zone)
            events = occurring(events, ends_after=ends_after, starts_before=starts_before)
        return events

    def date_range(self, zone) -> tuple[datetime.datetime | None, datetime.datetime | None]:
        """The chosen dates as instants: (local midnight of "from", local midnight after "to"),
        either None when not chosen."""
        active = self.active()
        date_from, date_to = active.get("date_from"), active.get("date_to")
        return (
            _midnight(date_from, zone) if date_from else None,
            _midnight(date_to + datetime.timedelta(days=1), zone) if date_to else None,
        )

    def query_string(self, **overrides) -> str:
        from django.utils.http import urlencode

        params = {name: value for name, value in self.active().items()}
        params.update(overrides)
        return urlencode({name: str(value) for name, value in params.items() if value})


def edition_years() -> list[int]:
    """Every edition's year, newest first (one small query)."""
    from campaign.editions.models import Edition

    return list(Edition.objects.order_by("-year").values_list("year", flat=True))


def _midnight(day: datetime.date, zone) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(), tzinfo=zone)
