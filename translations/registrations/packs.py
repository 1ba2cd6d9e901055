"""Translatable fields of campaign.packs (registered here, with all other registrations)."""

from modeltranslation.translator import TranslationOptions, register

from campaign.packs.models import CuratedPack


@register(CuratedPack)
class CuratedPackTR(TranslationOptions):
    fields = ("title", "description")
