"""Translatable fields of campaign.stories (registered here, with all other registrations).

A story is written in one language by its author and is not translated: StoryPage has no
translated fields of its own (its ``language`` field says which one it is written in).
"""

from modeltranslation.translator import TranslationOptions, register

from campaign.stories.models import StoryIndexPage, StoryPage


@register(StoryIndexPage)
class StoryIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(StoryPage)
class StoryPageTR(TranslationOptions):
    fields = ()
