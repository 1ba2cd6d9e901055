"""Making, updating and removing case cards (``CaseCardPage``) from published stories.

Who may make one is the policy's answer (``sitecontent.policy.can_make_case_card``); the
model refuses a card without consent whatever path saves it. Everything the author's
choices change happens here, in the caller's transaction: "no" deletes every card made from
the story (its library rows, pack items and API entries go with it), a change of credit
republishes them.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from wagtail.models import Page

from sitecontent.models import ResourceIndexPage

from .consent import AgeBand
from .models import CaseCardPage, StoryPage

#: The story's age group, as the library's age bands (a coordinator may change it).
LIBRARY_AGE_BAND = {
    AgeBand.UP_TO_10: "9-12",
    AgeBand.AGE_11_12: "9-12",
    AgeBand.AGE_13: "13-15",
    AgeBand.AGE_14: "13-15",
    AgeBand.AGE_15: "13-15",
    AgeBand.AGE_16_17: "16-18",
    AgeBand.AGE_18_PLUS: "16-18",
}


class NoLibrary(Exception):
    """The story's region has no library to hold the card."""


def region_library(region):
    return ResourceIndexPage.objects.child_of(region).order_by("path").first() if region else None


def published_text(story: StoryPage) -> dict:
    """The story's title and text as they are live (the moderator's redactions included)."""
    live = StoryPage.objects.get(pk=story.pk)
    return {"title": live.title, "body": live.body}


@transaction.atomic
def create_card(story: StoryPage, user, data: dict) -> CaseCardPage:
    """A draft card in the story's region library, saved as a revision by ``user``.

    ``data``: title, summary, questions, teacher_notes, age_bands, topics (a form's cleaned
    data). The text is the published story's, never the draft's.
    """
    library = region_library(story.region)
    if library is None:
        raise NoLibrary
    text = published_text(story)
    card = CaseCardPage(
        title=data.get("title") or text["title"],
        summary=data["summary"],
        story=story,
        story_text=text["body"],
        country=story.country,
        questions=data["questions"],
        teacher_notes=data.get("teacher_notes", ""),
        age_bands=data.get("age_bands") or [LIBRARY_AGE_BAND[AgeBand(story.age_band)]],
        live=False,
    )
    card.full_clean(exclude=["path", "depth", "slug", "url_path"])
    with translation.override(library.specific.source_language):
        library.add_child(instance=card)
    if data.get("topics") is not None:
        card.topics.set(data["topics"])
    card.save_revision(user=user, log_action=True)
    return card


def cards_of(story_id: int):
    return CaseCardPage.objects.filter(story_id=story_id)


def remove_cards_of(story_id: int) -> int:
    """Delete every case card made from the story (consent withdrawn, story deleted)."""
    removed = 0
    for card in cards_of(story_id):
        # Page.delete on the specific page: Wagtail removes the tree node, its revisions
        # (which hold the text) and, by cascade, its library rows and pack items.
        Page.objects.get(pk=card.pk).specific.delete()
        removed += 1
    return removed


def republish_cards_of(story_id: int) -> int:
    """The credit changed: publish each live card again, so packs are rebuilt with it."""
    count = 0
    for card in cards_of(story_id).filter(live=True):
        card.save_revision(log_action=False).publish(log_action=False)
        count += 1
    return count


def unpublish_cards_of(story_id: int) -> int:
    """The story was taken down (reported, hidden for review): its cards go with it."""
    count = 0
    for card in cards_of(story_id).filter(live=True):
        card.unpublish(log_action=True)
        count += 1
    return count
