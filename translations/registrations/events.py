"""Translatable fields of campaign.events (registered here, with all other registrations)."""

from modeltranslation.translator import TranslationOptions, register

from campaign.events.models import EventCalendarPage, EventPage


@register(EventCalendarPage)
class EventCalendarPageTR(TranslationOptions):
    fields = ("intro",)


@register(EventPage)
class EventPageTR(TranslationOptions):
    fields = ("description",)
