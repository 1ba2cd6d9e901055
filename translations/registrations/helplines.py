"""Translatable fields of campaign.helplines (registered here, with all other registrations).

Names of services, opening hours and notes are read by children in their own language;
numbers, addresses and flags are the same in every language and stay single columns.
"""

from modeltranslation.translator import TranslationOptions, register

from campaign.helplines.models import CountryHelp, Helpline, Hotline


@register(CountryHelp)
class CountryHelpTR(TranslationOptions):
    fields = ("centre_name", "notes")


@register(Helpline)
class HelplineTR(TranslationOptions):
    fields = ("name", "hours")


@register(Hotline)
class HotlineTR(TranslationOptions):
    fields = ("name",)
