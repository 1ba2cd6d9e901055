"""Good-practice guides: steps, key messages and case studies that end in discussion questions."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from sitecontent.blocks import (
    RICH_TEXT_FEATURES,
    HeadingBlock,
    KeyMessageBlock,
    ParagraphBlock,
    ThemedBlockMixin,
)

from .base import SidPage
from .library import LibraryItem


class StepBlock(ThemedBlockMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("What to do"), max_length=160)
    text = blocks.RichTextBlock(label=_("How"), features=RICH_TEXT_FEATURES, required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")
        template_name = "guide_step.html"
        preview_value = {"title": _("Listen without judging"), "text": "<p>Let the child tell the story their way.</p>"}
        description = _("One numbered step of the guide")


class CaseStudyBlock(ThemedBlockMixin, blocks.StructBlock):
    """A short story children discuss. It must end in questions: that is what makes it work."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    story = blocks.RichTextBlock(label=_("Story"), features=["bold", "italic", "ol", "ul"])
    questions = blocks.ListBlock(
        blocks.CharBlock(label=_("Question"), max_length=300),
        label=_("Discussion questions"),
        min_num=1,
        help_text=_("Open questions for the class. At least one."),
    )

    class Meta:
        icon = "group"
        label = _("Case study")
        template_name = "case_study.html"
        preview_value = {
            "title": _("Sam's new online friend"),
            "story": "<p>Sam, 11, meets someone in a game who asks to keep their chats secret.</p>",
            "questions": [_("What feels wrong here?"), _("Who could Sam talk to?")],
        }
        description = _("A story that ends in discussion questions for children")


class GuideStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES)
    step = StepBlock()
    key_message = KeyMessageBlock()
    case_study = CaseStudyBlock()


class GuidePage(LibraryItem, SidPage):
    """A good-practice guide a teacher can read, print, or download."""

    library_format = "guide"

    body = StreamField(GuideStreamBlock(), blank=True, verbose_name=_("guide"))
    download = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("downloadable version"),
        help_text=_("Optional: a PDF of this guide."),
    )

    content_panels = SidPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("body"),
        FieldPanel("download"),
        MultiFieldPanel(LibraryItem.library_panels, heading=_("For the library filters")),
        MultiFieldPanel(LibraryItem.credit_panels, heading=_("Licence and source")),
    ]
    search_fields = SidPage.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["sitecontent.ResourceIndexPage"]
    subpage_types: list = []

    class Meta:
        verbose_name = _("good-practice guide")

    def __str__(self):
        return self.title

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = list(self.topics.all())
        return context
