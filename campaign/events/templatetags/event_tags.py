"""Event times as people need them: in the event's own zone with its UTC offset, machine-readable
for the local-time enhancement (events/js/local-time.js)."""

from django import template
from django.utils.translation import gettext as _
from django_countries import countries

from themes.loader import get_template

register = template.Library()


@register.simple_tag(takes_context=True)
def event_when(context, event):
    # No request: a RequestContext would run every context processor once per event.
    return get_template("events/includes/event_when.html").render({"event": event})


@register.filter
def country_name(code):
    return countries.name(code) if code else ""


@register.filter
def choice_labels(values, choices):
    """Labels of the stored codes, for lists like audience and age bands."""
    labels = dict(choices)
    return [str(labels.get(value, value)) for value in values or []]


@register.simple_tag
def audience_choices():
    from ..models import Audience

    return Audience.choices


@register.simple_tag
def age_band_choices():
    from ..models import AgeBand

    return AgeBand.choices


@register.simple_tag
def your_time_label():
    return _("Your time:")
