"""StreamField blocks shared by every content page.

Each block says what it is for (label, icon, preview) so the editor's block picker explains
itself, and renders through the theme fallback (themes.loader).
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from themes.loader import template_names

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class ThemedBlockMixin:
    """Render with ``themes/<theme>/blocks/<name>.html``, falling back to the default theme."""

    def get_template(self, value=None, context=None):
        name = getattr(self.meta, "template_name", None)
        if not name:
            return super().get_template(value, context)
        theme = (context or {}).get("sid_theme") if context else None
        return template_names(f"blocks/{name}", theme)


class HeadingBlock(ThemedBlockMixin, blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading text"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template_name = "heading.html"
        help_text = _("Starts a section. Use section headings before sub-headings.")
        preview_value = {"text": _("What to do if someone asks for pictures"), "level": "h2"}
        description = _("A section or sub-section title")


class ParagraphBlock(ThemedBlockMixin, blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template_name = "paragraph.html"
        preview_value = "<p>Talk to someone you trust. You are never to blame.</p>"
        description = _("Paragraphs with links and lists")


class ImageBlock(ThemedBlockMixin, blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Text alternative"),
        max_length=250,
        help_text=_("Describe the picture for people who cannot see it. Leave empty only for decoration."),
        required=False,
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template_name = "image.html"
        description = _("A picture with a text alternative and optional caption")


class KeyMessageBlock(ThemedBlockMixin, blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=120)
    text = blocks.TextBlock(label=_("Message"), max_length=600)

    class Meta:
        icon = "pick"
        label = _("Key message")
        template_name = "key_message.html"
        preview_value = {
            "title": _("It is never your fault"),
            "text": _("If someone pressures you online, tell an adult you trust or call a helpline."),
        }
        description = _("A highlighted message that stands out from the text")


class QuoteBlock(ThemedBlockMixin, blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"), max_length=600)
    attribution = blocks.CharBlock(label=_("Who said it"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template_name = "quote.html"
        preview_value = {"quote": _("Being kind online takes one second."), "attribution": _("Peer mentor, 15")}
        description = _("A quotation with its source")


class CallToActionBlock(ThemedBlockMixin, blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"), max_length=80)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or a web address"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template_name = "call_to_action.html"
        preview_value = {"text": _("Find help near you"), "url": "https://example.org/"}
        description = _("A prominent link to a page or address")

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or enter a web address."))}
            )
        return value


class DocumentBlock(ThemedBlockMixin, blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), max_length=160, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Download")
        template_name = "document.html"
        description = _("A link to download a document")


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=250)
    answer = blocks.RichTextBlock(label=_("Answer"), features=RICH_TEXT_FEATURES)


class FAQBlock(ThemedBlockMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=160, required=False)
    items = blocks.ListBlock(QuestionAnswerBlock(), label=_("Questions"))

    class Meta:
        icon = "help"
        label = _("Questions and answers")
        template_name = "faq.html"
        preview_value = {
            "heading": _("Questions people ask"),
            "items": [{"question": _("Will I get in trouble?"), "answer": "<p>No. Asking for help is brave.</p>"}],
        }
        description = _("Questions that open to show their answers; works without JavaScript")


class ContentStreamBlock(blocks.StreamBlock):
    """The body of every general content page."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    key_message = KeyMessageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentBlock()
    faq = FAQBlock()

    class Meta:
        block_counts = {}
