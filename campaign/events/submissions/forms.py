"""The public partner form. Every error is translated and re-shows everything already typed."""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sitecontent.models.region import time_zone_choices

from ..models import AGE_BANDS, Audience, EventFormat
from ..timing import all_day_bounds, make_aware, validate_year_range
from .cleaning import plain_text, single_line

DESCRIPTION_MAX = 5000


class EventSubmissionForm(forms.Form):
    # About you (never published)
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Contact email"), help_text=_("Only moderators see it. We write to you about this event only.")
    )
    # The event
    title = forms.CharField(label=_("Event title"), max_length=200)
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DESCRIPTION_MAX,
        help_text=_("Plain text, at most 5,000 characters."),
    )
    # When
    all_day = forms.BooleanField(label=_("All-day event"), required=False)
    start_date = forms.DateField(
        label=_("Start date"), widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_year_range]
    )
    start_time = forms.TimeField(
        label=_("Start time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_date = forms.DateField(
        label=_("End date"), widget=forms.DateInput(attrs={"type": "date"}), validators=[validate_year_range]
    )
    end_time = forms.TimeField(
        label=_("End time"), required=False, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=time_zone_choices,
        help_text=_("The time zone of the place where the event happens (for online events, the organiser's)."),
        error_messages={"invalid_choice": _("%(value)s is not a known time zone. Choose one from the list.")},
        # IANA identifiers ("Europe/Dublin", "Eire"): names, not text in any language.
        widget=forms.Select(attrs={"translate": "no", "dir": "ltr"}),
    )
    # Where
    format = forms.ChoiceField(label=_("Format"), choices=EventFormat.choices, widget=forms.RadioSelect)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    address = forms.CharField(
        label=_("Address"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    # Who
    audience = forms.MultipleChoiceField(
        label=_("Audience"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    age_bands = forms.MultipleChoiceField(
        label=_("Age bands"), choices=AGE_BANDS, widget=forms.CheckboxSelectMultiple, required=False
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple, required=False
    )
    registration_url = forms.URLField(
        label=_("Registration link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={"invalid": _("Enter a full web address, for example https://example.org/register.")},
    )
    # A field people never see; robots fill it in.
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    FIELDSETS = (
        (_("About you"), ("organisation", "contact_email")),
        (_("The event"), ("title", "description")),
        (_("When"), ("all_day", "start_date", "start_time", "end_date", "end_time", "time_zone")),
        (_("Where"), ("format", "venue", "address", "country")),
        (_("Who it is for"), ("audience", "age_bands", "languages", "registration_url")),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("Choose a country"))] + list(countries)

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def clean_organisation(self):
        return single_line(self.cleaned_data["organisation"])

    def clean_title(self):
        title = single_line(self.cleaned_data["title"])
        if not title:
            raise ValidationError(_("Give your event a title."))
        return title

    def clean_description(self):
        return plain_text(self.cleaned_data["description"])

    def clean_venue(self):
        return single_line(self.cleaned_data.get("venue", ""))

    def clean_address(self):
        return plain_text(self.cleaned_data.get("address", ""))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("Leave this field empty."))
        return ""

    def clean(self):
        cleaned = super().clean()
        zone = cleaned.get("time_zone")
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date")
        if cleaned.get("format") in (EventFormat.IN_PERSON, EventFormat.HYBRID):
            if not cleaned.get("country"):
                self.add_error("country", _("Choose the country where the event takes place."))
            if not (cleaned.get("venue") or cleaned.get("address")):
                self.add_error("address", _("Give the venue or the address of an event that happens in person."))
        if not (zone and start_date and end_date):
            return cleaned
        try:
            if cleaned.get("all_day"):
                start, end = all_day_bounds(start_date, end_date, zone)
            else:
                if cleaned.get("start_time") is None:
                    self.add_error("start_time", _("Give a start time, or tick “All-day event”."))
                if cleaned.get("end_time") is None:
                    self.add_error("end_time", _("Give an end time, or tick “All-day event”."))
                if cleaned.get("start_time") is None or cleaned.get("end_time") is None:
                    return cleaned
                start = make_aware(datetime.datetime.combine(start_date, cleaned["start_time"]), zone)
                end = make_aware(datetime.datetime.combine(end_date, cleaned["end_time"]), zone)
        except ValidationError as error:
            self.add_error("start_time" if not cleaned.get("all_day") else "start_date", error)
            return cleaned
        except OverflowError:
            # A date at the very ends of the calendar (year 1 or 9999) has no UTC equivalent
            # or no next day; it is over, or too far ahead, whatever the time zone.
            self._refuse_date(start_date)
            return cleaned
        if end <= start:
            self.add_error("end_date", _("The event must end after it starts. Check the end date and time."))
            return cleaned
        now = timezone.now()
        if end < now or start > now + datetime.timedelta(days=365 * settings.EVENTS_SUBMISSION_MAX_YEARS_AHEAD):
            self._refuse_date(start_date)
        elif end - start > datetime.timedelta(days=31):
            self.add_error(
                "end_date", _("An event can last at most 31 days. Submit longer campaigns as several events.")
            )
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def _refuse_date(self, start_date) -> None:
        years = settings.EVENTS_SUBMISSION_MAX_YEARS_AHEAD
        # Refused dates are either past or more than ``years`` ahead; a day's margin covers
        # time zones ahead of UTC.
        if start_date <= timezone.localdate() + datetime.timedelta(days=1):
            self.add_error("start_date", _("This event is already over. Submit events that are still to come."))
        else:
            self.add_error(
                "start_date",
                _("We only list events in the next %(years)s years. Check the year.") % {"years": years},
            )


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, withdraw this event"))
