"""EventPage: one event, in its own time zone, with an iCalendar identity (UID, SEQUENCE)."""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.widgets import AdminDateTimeInput
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from sitecontent import page_views
from sitecontent.models import SidPage
from sitecontent.models.region import time_zone_choices, validate_time_zone
from translations.core.fields import LanguageCodesField
from translations.core.languages import LANGUAGE_CODES
from translations.core.page_forms import SourceLanguagePageForm
from translations.core.tooling import get_translation

from ..fields import ChoicesListField, DateListField
from ..recurrence import MAX_OCCURRENCES, MAX_SPAN_DAYS, Repeat, Weekday, describe, occurrences
from ..timing import country_time_zones, make_aware, validate_year_range
from ..when import local_when
from .choices import AGE_BANDS, Audience, EventFormat, EventStatus
from .occurrence import EventOccurrence, refresh_listing
from .occurrence import write as write_occurrences

#: Fields whose change makes calendar clients update their copy (SEQUENCE goes up).
FEED_FIELDS = (
    "title",
    "description",
    "start",
    "end",
    "time_zone",
    "all_day",
    "format",
    "venue",
    "address",
    "country",
    "status",
    "registration_url",
    "repeat",
    "repeat_interval",
    "repeat_weekdays",
    "repeat_until",
    "repeat_count",
    "skipped_dates",
    "cancelled_dates",
)
#: Upcoming dates an event page lists (the rest are in the feed and the calendar).
OCCURRENCES_SHOWN = 12
#: Fields whose change re-expands the occurrences (EventOccurrence rows).
OCCURRENCE_FIELDS = (
    "start",
    "end",
    "time_zone",
    "all_day",
    "country",
    "repeat",
    "repeat_interval",
    "repeat_weekdays",
    "repeat_until",
    "repeat_count",
    "skipped_dates",
    "cancelled_dates",
)


class EventPageForm(SourceLanguagePageForm):
    """Editors type start and end as wall-clock times in the event's own time zone."""

    local_start = forms.DateTimeField(
        label=_("Starts (local time)"), widget=AdminDateTimeInput, validators=[validate_year_range]
    )
    local_end = forms.DateTimeField(
        label=_("Ends (local time)"), widget=AdminDateTimeInput, validators=[validate_year_range]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk is None and self.parent_page is not None and "time_zone" in self.fields:
            # A new event starts in its region's time zone, not in a list of 400 names.
            region = getattr(self.parent_page.specific, "region", None)
            if region is not None and region.time_zone:
                self.initial["time_zone"] = region.time_zone
        if instance.start and instance.time_zone:
            zone = zoneinfo.ZoneInfo(instance.time_zone)
            self.initial.setdefault("local_start", instance.start.astimezone(zone).replace(tzinfo=None))
            self.initial.setdefault("local_end", instance.end.astimezone(zone).replace(tzinfo=None))

    def clean(self):
        cleaned = super().clean()
        self._zone_from_country(cleaned)
        zone_name = cleaned.get("time_zone")
        local_start, local_end = cleaned.get("local_start"), cleaned.get("local_end")
        if not zone_name or local_start is None or local_end is None:
            return cleaned
        # Django made the values aware in the editor's zone; only the wall-clock reading counts.
        try:
            start = make_aware(local_start.replace(tzinfo=None), zone_name)
        except ValidationError as error:
            self.add_error("local_start", error)
            return cleaned
        try:
            end = make_aware(local_end.replace(tzinfo=None), zone_name)
        except ValidationError as error:
            self.add_error("local_end", error)
            return cleaned
        if cleaned.get("all_day"):
            start = start.replace(hour=0, minute=0, second=0, microsecond=0)
            end = datetime.datetime.combine(end.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=end.tzinfo)
        if end <= start:
            self.add_error("local_end", _("The event must end after it starts."))
            return cleaned
        self.instance.start, self.instance.end = start, end
        return cleaned

    def _zone_from_country(self, cleaned) -> None:
        """The time zone follows the event's country unless the editor chose one.

        A one-zone country fills it in (an event in Egypt is on Cairo time, whatever the
        region's default); a country with several zones must have one chosen among them.
        """
        country = cleaned.get("country")
        zone_name = cleaned.get("time_zone")
        if not country or "time_zone" in self.changed_data:
            return
        zones = country_time_zones(str(country))
        if not zones or zone_name in zones:
            return
        if len(zones) == 1:
            cleaned["time_zone"] = zones[0]
        else:
            self.add_error(
                "time_zone",
                _("%(country)s has several time zones: choose the one where the event takes place, e.g. %(zones)s.")
                % {"country": countries.name(str(country)), "zones": ", ".join(zones[:3])},
            )


def recurrence_errors(event) -> dict:
    """What is wrong with ``event``'s recurrence, field by field (translated), or {}."""
    if not event.repeat:
        return {}
    errors = {}
    if event.repeat_until and event.repeat_count:
        errors["repeat_count"] = _("Give an end date or a number of times, not both.")
    elif not event.repeat_until and not event.repeat_count:
        errors["repeat_until"] = _("A repeating event needs an end date or a number of times.")
    if event.repeat_count and event.repeat_count > MAX_OCCURRENCES:
        errors["repeat_count"] = _("An event can repeat at most %(n)s times.") % {"n": MAX_OCCURRENCES}
    if event.start and event.repeat_until and event.time_zone:
        first = event.start.astimezone(zoneinfo.ZoneInfo(event.time_zone)).date()
        if event.repeat_until < first:
            errors["repeat_until"] = _("The end date of the repetition is before the first date.")
        elif (event.repeat_until - first).days > MAX_SPAN_DAYS:
            errors["repeat_until"] = _("An event can repeat for at most three years.")
    if not 1 <= (event.repeat_interval or 0) <= 52:
        errors["repeat_interval"] = _("Choose a number between 1 and 52.")
    if event.start and event.end and event.end - event.start > datetime.timedelta(days=6) and event.repeat:
        errors["repeat"] = _("Only events shorter than a week can repeat.")
    return errors


class EventPage(RoutablePageMixin, SidPage):
    description = models.TextField(_("description"), blank=True, max_length=5000)
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"), db_index=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, choices=time_zone_choices, validators=[validate_time_zone]
    )
    all_day = models.BooleanField(_("all day"), default=False, help_text=_("For all-day events, times are ignored."))
    format = models.CharField(_("format"), max_length=12, choices=EventFormat.choices, default=EventFormat.IN_PERSON)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True, max_length=500)
    country = CountryField(_("country"), blank=True, db_index=True)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    audience = ChoicesListField(_("audience"), list_choices=Audience.choices)
    age_bands = ChoicesListField(_("age bands"), list_choices=AGE_BANDS)
    languages = LanguageCodesField(_("languages spoken"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True, max_length=500)
    edition = models.ForeignKey(
        "editions.Edition",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        verbose_name=_("edition"),
    )
    status = models.CharField(_("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.SCHEDULED)

    # Recurrence (campaign.events.recurrence): the first occurrence is start/end.
    repeat = models.CharField(_("repeats"), max_length=10, choices=Repeat.choices, default=Repeat.NEVER, blank=True)
    repeat_interval = models.PositiveSmallIntegerField(
        _("every"), default=1, help_text=_("1: every week or month; 2: every other one; and so on.")
    )
    repeat_weekdays = ChoicesListField(
        _("on these weekdays"),
        list_choices=Weekday.choices,
        help_text=_("Weekly events only; none chosen means the weekday of the first date."),
    )
    repeat_until = models.DateField(
        _("until (local date)"), null=True, blank=True, help_text=_("The last day an occurrence may fall on.")
    )
    repeat_count = models.PositiveSmallIntegerField(
        _("number of times"), null=True, blank=True, help_text=_("Instead of an end date.")
    )
    skipped_dates = DateListField(
        _("dates without an occurrence"),
        help_text=_("Local dates (YYYY-MM-DD, one per line) the event does not happen, for example holidays."),
    )
    cancelled_dates = DateListField(
        _("cancelled occurrences"),
        help_text=_("Local dates (YYYY-MM-DD) of occurrences shown as cancelled in the calendar and its feeds."),
    )

    # iCalendar identity. Not carried by revisions (see with_content_json) nor by copies.
    uid = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    feed_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    base_form_class = EventPageForm
    parent_page_types = ["events.EventCalendarPage"]
    subpage_types: list = []
    exclude_fields_in_copy = ["uid", "sequence", "feed_fingerprint"]

    # A partner's event opens with the moderator's review of its submission: that panel reads the
    # moderation services, so campaign.events.panels.install() puts it first (EventsConfig.ready()).
    content_panels = SidPage.content_panels + [
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("local_start"), FieldPanel("local_end")]),
                FieldPanel("time_zone"),
                FieldPanel("all_day"),
                FieldPanel("status"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("repeat"), FieldPanel("repeat_interval")]),
                FieldPanel("repeat_weekdays"),
                FieldRowPanel([FieldPanel("repeat_until"), FieldPanel("repeat_count")]),
                FieldPanel("skipped_dates"),
                FieldPanel("cancelled_dates"),
            ],
            heading=_("Repeats"),
            classname="collapsed",
        ),
        MultiFieldPanel(
            [FieldPanel("format"), FieldPanel("venue"), FieldPanel("address"), FieldPanel("country")],
            heading=_("Where"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser"),
                FieldPanel("audience"),
                FieldPanel("age_bands"),
                FieldPanel("languages"),
                FieldPanel("registration_url"),
                FieldPanel("edition"),
            ],
            heading=_("Who"),
        ),
    ]
    search_fields = SidPage.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue"),
        index.SearchField("organiser"),
        index.FilterField("start"),
        index.FilterField("country"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["country", "start"], name="events_country_start")]

    # -- revisions keep the page's feed identity ----------------------------------------------
    def with_content_json(self, content):
        # A revision stores the counter as it was when the revision was saved; the live
        # counter must survive publishing that (older) revision.
        obj = super().with_content_json(content)
        obj.uid, obj.sequence, obj.feed_fingerprint = self.uid, self.sequence, self.feed_fingerprint
        return obj

    def compute_feed_fingerprint(self) -> str:
        data = {}
        for name in FEED_FIELDS:
            if name in ("title", "description"):
                data[name] = [get_translation(self, name, code) or "" for code in LANGUAGE_CODES]
            else:
                data[name] = str(getattr(self, name))
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()

    def record_publication(self) -> None:
        """Bump SEQUENCE when a published change touches what calendars show."""
        fingerprint = self.compute_feed_fingerprint()
        if fingerprint == self.feed_fingerprint:
            return
        sequence = self.sequence + 1 if self.feed_fingerprint else 0
        type(self).objects.filter(pk=self.pk).update(sequence=sequence, feed_fingerprint=fingerprint)
        self.sequence, self.feed_fingerprint = sequence, fingerprint

    # -- validation -------------------------------------------------------------------------
    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The event must end after it starts.")})
        errors = recurrence_errors(self)
        if errors:
            raise ValidationError(errors)

    # -- occurrences --------------------------------------------------------------------------
    def save(self, *args, **kwargs):
        if self._state.adding and self.alias_of_id and type(self).objects.filter(uid=self.uid).exists():
            # Wagtail copies every field into an alias (exclude_fields_in_copy is not used for
            # aliases): an alias is another event in the feeds, with its own identity.
            self.uid, self.sequence, self.feed_fingerprint = uuid.uuid4(), 0, ""
        super().save(*args, **kwargs)
        update_fields = kwargs.get("update_fields")
        if update_fields is None or set(update_fields) & set(OCCURRENCE_FIELDS):
            self.sync_occurrences()
        elif set(update_fields) & {"live", "path"}:
            refresh_listing([self.pk])  # the rows' copy of its live flag and calendar

    def sync_occurrences(self) -> None:
        """Rewrite this event's EventOccurrence rows from its own (saved) fields (with its
        calendar and live flag, read back from its page row)."""
        if not (self.pk and self.start and self.end and self.time_zone):
            return
        EventOccurrence.objects.filter(event_id=self.pk).delete()  # and their EventDay rows
        write_occurrences(
            (self.pk, start, end, self.time_zone, cancelled) for start, end, cancelled in occurrences(self)
        )

    @property
    def is_recurring(self) -> bool:
        return bool(self.repeat)

    @property
    def recurrence_text(self) -> str:
        return describe(self)

    # -- display ------------------------------------------------------------------------------
    @cached_property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> datetime.datetime:
        return self.start.astimezone(self.zone)

    @property
    def local_end(self) -> datetime.datetime:
        return self.end.astimezone(self.zone)

    @property
    def first_day(self) -> datetime.date:
        return self.local_start.date()

    @property
    def last_day(self) -> datetime.date:
        """The last local date the event touches (all-day ends are exclusive midnights)."""
        return (self.local_end - datetime.timedelta(microseconds=1)).date()

    @property
    def is_multi_day(self) -> bool:
        return self.last_day > self.first_day

    @property
    def when(self):
        """How the event's time is printed, in its own zone (campaign.events.when)."""
        return local_when(self)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def local_days(self) -> list[datetime.date]:
        days, day = [], self.first_day
        while day <= self.last_day and len(days) < 62:
            days.append(day)
            day += datetime.timedelta(days=1)
        return days

    # -- routes ---------------------------------------------------------------------------------
    @path("ics/", name="ics")
    def ics(self, request):
        return page_views.call("events.event_ics", self, request)

    def serve(self, request, view=None, args=None, kwargs=None):
        # Routed views render inside the region's language fallbacks too (SidPage.serve).
        return self._render_with_region_fallbacks(RoutablePageMixin.serve.__get__(self), request, view, args, kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["calendar"] = self.get_parent().specific
        if self.is_recurring:
            # The next dates (bounded), not the whole series: one indexed query.
            upcoming = list(self.occurrences.filter(end__gte=timezone.now()).order_by("start")[: OCCURRENCES_SHOWN + 1])
            context["occurrences"] = upcoming[:OCCURRENCES_SHOWN]
            context["more_occurrences"] = len(upcoming) > OCCURRENCES_SHOWN
        context["base_url"] = getattr(settings, "SITE_BASE_URL", "")
        return context
