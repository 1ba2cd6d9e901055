"""Event times as people need them: in the event's own zone with its UTC offset, machine-readable
for the local-time enhancement (events/js/local-time.js)."""

from types import SimpleNamespace

from django import template
from django.utils.translation import gettext as _
from django_countries import countries

from themes.loader import get_template

from ..models import AGE_BANDS, Audience
from ..when import local_when

register = template.Library()


@register.simple_tag
def event_when(event):
    """The event's time in its own zone (campaign.events.when.local_when), marked up."""
    # No request: a RequestContext would run every context processor once per event.
    return get_template("events/includes/event_when.html").render({"when": local_when(event), "label": _("Your time:")})


@register.simple_tag
def occurrence_when(event, start, end):
    """One occurrence of ``event`` (its start and end instants), through the same renderer."""
    return event_when(occurrence_of(event, start, end))


def occurrence_of(event, start, end):
    """What local_when needs to print one occurrence of ``event``."""
    return SimpleNamespace(start=start, end=end, time_zone=event.time_zone, all_day=event.all_day)


@register.filter
def event_when_text(event) -> str:
    """The same time as one line of plain text (admin panels, emails)."""
    return local_when(event).text


@register.filter
def country_name(code):
    return countries.name(code) if code else ""


@register.filter
def choice_labels(values, choices):
    """Labels of the stored codes in the choices' order (age bands youngest first)."""
    chosen = set(values or [])
    return [str(label) for value, label in choices if value in chosen]


@register.simple_tag
def audience_choices():
    return Audience.choices


@register.simple_tag
def age_band_choices():
    return AGE_BANDS
