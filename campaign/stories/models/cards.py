"""Case cards: a published story a young person allowed to reuse, made into classroom material.

A ``CaseCardPage`` lives in its region's library (a ``ResourceIndexPage``) like any other
library item, so the library's facets, search, translation export/import and packs treat it
as they treat guides. It keeps a copy of the story text as published (redactions included),
and a link to the story, through which the author's consent is read every time it matters.

The rule "no consent, never a card" is enforced here, on the model: a card whose story is
gone or whose author has not said yes (``Submission.reuse``) cannot be validated or saved.
Withdrawing consent deletes the cards (``campaign.stories.cards.remove_cards_of``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.search import index

from sitecontent.models import LibraryItem, SidPage

from ..consent import Reuse, may_reuse
from .submission import BODY_MAX, Submission

QUESTIONS_MIN, QUESTIONS_MAX = 3, 5

NO_CONSENT = _(
    "The author of this story has not agreed to its use in class (or has withdrawn their consent): "
    "it cannot become a case card."
)


def question_lines(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def story_consent(story_id: int | None) -> str:
    """The author's current answer for the story ``story_id`` (one query), or "no"."""
    if not story_id:
        return Reuse.NO
    return Submission.objects.filter(page_id=story_id).values_list("reuse", flat=True).first() or Reuse.NO


class CaseCardPage(LibraryItem, SidPage):
    """A story for a class to discuss: the text as published, questions, notes, help."""

    library_format = "case_card"

    story = models.ForeignKey(
        "stories.StoryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="case_cards",
        verbose_name=_("story"),
    )
    story_text = models.TextField(
        _("story as published"),
        max_length=BODY_MAX,
        help_text=_("Copied from the published story, redactions included. Translate it; do not add details."),
    )
    country = CountryField(_("author's country"))
    questions = models.TextField(
        _("discussion questions"),
        help_text=_("One open question per line, three to five."),
    )
    teacher_notes = models.TextField(_("notes for the teacher"), blank=True, max_length=3000)

    content_panels = SidPage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("story_text"),
        FieldPanel("questions"),
        FieldPanel("teacher_notes"),
        MultiFieldPanel(LibraryItem.library_panels, heading=_("For the library filters")),
        MultiFieldPanel(
            [FieldPanel("story", read_only=True), FieldPanel("country", read_only=True)],
            heading=_("Where it comes from"),
        ),
    ]
    search_fields = SidPage.search_fields + [index.SearchField("summary"), index.SearchField("story_text")]
    parent_page_types = ["sitecontent.ResourceIndexPage"]
    subpage_types: list = []
    #: Made from a story only ("Make a case card"), never from the library's "add child page".
    is_creatable = False

    class Meta:
        verbose_name = _("case card")
        verbose_name_plural = _("case cards")

    def __str__(self):
        return self.title

    # -- consent ------------------------------------------------------------------------
    @property
    def consent(self) -> str:
        return story_consent(self.story_id)

    def check_consent(self) -> None:
        if not may_reuse(self.consent):
            raise ValidationError(NO_CONSENT, code="no_consent")

    def clean(self):
        super().clean()
        self.check_consent()
        count = len(question_lines(self.questions))
        if not QUESTIONS_MIN <= count <= QUESTIONS_MAX:
            raise ValidationError(
                {
                    "questions": _("Write %(min)s to %(max)s questions, one per line (you wrote %(count)s).")
                    % {"min": QUESTIONS_MIN, "max": QUESTIONS_MAX, "count": count}
                }
            )

    def save(self, *args, **kwargs):
        # The one gate for every path (editor, revisions, copies, scripts): no consent, no card.
        self.check_consent()
        return super().save(*args, **kwargs)

    # -- what it shows --------------------------------------------------------------------
    @property
    def question_list(self) -> list[str]:
        return question_lines(self.questions)

    @property
    def credit(self) -> str:
        """ "A young person from Kenya", or the pen name, as the author chose."""
        consent = self.consent
        if consent == Reuse.WITH_NAME and self.story_id:
            pen_name = (
                type(self).story.field.related_model.objects.filter(pk=self.story_id).values_list("pen_name", flat=True)
            )
            name = pen_name.first()
            if name:
                return gettext("Story by %(pen_name)s") % {"pen_name": name}
        return gettext("Story by a young person from %(country)s") % {"country": self.country.name}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = list(self.topics.all())
        return context
