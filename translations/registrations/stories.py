"""Translatable fields of campaign.stories (registered here, with all other registrations).

A story is written in one language by its author and is not translated: StoryPage has no
translated fields of its own (its ``language`` field says which one it is written in).
"""

from modeltranslation.translator import TranslationOptions, register

from campaign.stories.models import CaseCardPage, StoryIndexPage, StoryPage


@register(StoryIndexPage)
class StoryIndexPageTR(TranslationOptions):
    fields = ("intro",)


@register(StoryPage)
class StoryPageTR(TranslationOptions):
    fields = ()


@register(CaseCardPage)
class CaseCardPageTR(TranslationOptions):
    # A case card is classroom material: translated like a guide (XLIFF/PO round trip).
    fields = ("summary", "story_text", "questions", "teacher_notes", "source")
