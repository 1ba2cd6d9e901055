"""Translatable fields of the generic CMS pages and site settings.

Only the fields visitors read are translated. Every Page subclass must be registered, even
with no fields of its own (wagtail-modeltranslation patches registered pages only).
"""

from modeltranslation.translator import TranslationOptions, register

from sitecontent.models import HomePage, RegionPage, StandardPage
from themes.models import BrandingSettings


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body")


@register(RegionPage)
class RegionPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(BrandingSettings)
class BrandingSettingsTR(TranslationOptions):
    fields = ("site_name", "slogan")
