"""Translatable fields of campaign.editions (registered here, with all other registrations)."""

from modeltranslation.translator import TranslationOptions, register

from campaign.editions.models import Edition


@register(Edition)
class EditionTR(TranslationOptions):
    fields = (
        "theme",
        "slogan",
        "key_messages",
        "message_before",
        "message_week",
        "message_day",
        "message_after",
        "artwork_alt",
    )
