"""Translatable fields of the generic CMS pages and site settings.

Only the fields visitors read are translated. Every Page subclass must be registered, even
with no fields of its own (wagtail-modeltranslation patches registered pages only).
"""

from modeltranslation.translator import TranslationOptions, register

from sitecontent.models import GuidePage, HomePage, RegionPage, ResourceIndexPage, ResourcePage, StandardPage, Topic
from themes.models import BrandingSettings, NavigationItem


@register(HomePage)
class HomePageTR(TranslationOptions):
    fields = ("intro", "body")


@register(RegionPage)
class RegionPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(StandardPage)
class StandardPageTR(TranslationOptions):
    fields = ("intro", "body")


@register(NavigationItem)
class NavigationItemTR(TranslationOptions):
    fields = ("label",)


@register(BrandingSettings)
class BrandingSettingsTR(TranslationOptions):
    fields = ("site_name", "slogan")


# --- Resource library ----------------------------------------------------------
# Only what a visitor reads; facets, licences and files are language-neutral (a file has its
# own language instead).
@register(Topic)
class TopicTR(TranslationOptions):
    fields = ("name", "description")


@register(ResourceIndexPage)
class ResourceIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(ResourcePage)
class ResourcePageTR(TranslationOptions):
    fields = ("summary", "body", "source")
    #: The organisation that made it: translatable, not counted as missing (translations.workflow.units).
    proper_names = ("source",)


@register(GuidePage)
class GuidePageTR(TranslationOptions):
    fields = ("summary", "body", "source")
    #: The organisation that made it: translatable, not counted as missing (translations.workflow.units).
    proper_names = ("source",)
