"""Consent to reuse and case cards, where people meet them: the story form, the status
link, the admin, the public library, packs and the pages API.

One published, consenting story per test module would hide the order of events; each test
sends its own story through the real form and the real moderation workflow.
"""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from campaign.moderation import decisions
from campaign.stories.models import CaseCardPage, StoryPage, Submission
from sitecontent.models import LibraryFacet
from tests.library import factories as library_factories
from tests.moderation.helpers import send_story

from .factories import status_url

pytestmark = pytest.mark.django_db

QUESTIONS = "What happened first?\nWho could help?\nWhat would you do?"


@pytest.fixture
def cards_tree(stories_tree, settings, tmp_path):
    settings.SID_PACKS_ROOT = str(tmp_path / "packs")
    stories_tree.library = library_factories.library(stories_tree.regions["eu"], "Library", slug="library")
    return stories_tree


def published_story(client, tree, capture, reuse="with_name", **overrides):
    submission = send_story(client, tree, capture, reuse=reuse, **overrides)
    page = submission.page.specific
    with capture(execute=True):
        decisions.approve(page, tree.users["eu-moderator"])
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PUBLISHED
    return submission, page


def refused(response) -> bool:
    """Wagtail answers a PermissionDenied in an admin view with its "permission denied"
    redirect to the dashboard; the admin gate with a 403."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def card_url(story) -> str:
    return reverse("stories_admin:case_card", args=[story.pk])


def make_card(client, tree, story, capture, user="eu-coordinator", publish=True):
    client.force_login(tree.users[user])
    with capture(execute=True):
        response = client.post(
            card_url(story),
            {"title": "A stranger in a game", "summary": "A story to talk about.", "questions": QUESTIONS},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    card = CaseCardPage.objects.get(story=story)
    if publish:
        with capture(execute=True), translation.override("en"):
            card.get_latest_revision().publish()
        card.refresh_from_db()
    client.logout()
    return card


# -- consent on the form and the status link -----------------------------------------------
@pytest.mark.parametrize("answer", ["no", "without_name", "with_name"])
def test_the_forms_answer_is_stored(client, stories_tree, django_capture_on_commit_callbacks, answer):
    submission = send_story(client, stories_tree, django_capture_on_commit_callbacks, reuse=answer)
    assert submission.reuse == answer


def test_no_answer_means_no(client, stories_tree, django_capture_on_commit_callbacks):
    submission = send_story(client, stories_tree, django_capture_on_commit_callbacks)
    assert submission.reuse == "no"


def test_the_form_asks_in_words_for_each_age_group(client, stories_tree):
    html = client.get(stories_tree.sections["eu"].url + "submit/").content.decode()
    assert "Can teachers use your story?" in html and "You can say no later." in html
    assert html.count('name="reuse"') == 3


def test_status_link_shows_and_changes_the_answer(client, stories_tree, django_capture_on_commit_callbacks):
    submission = send_story(
        client,
        stories_tree,
        django_capture_on_commit_callbacks,
        reuse="no",
        age_band="11_12",
        parent_email="parent@example.org",
    )
    url = status_url(submission.token)
    html = client.get(url).content.decode()
    assert "Using your story in class" in html and "You can say no later." in html  # a child's words
    assert re.search(r'value="no"[^>]*checked', html)
    response = client.post(url + "reuse/", {"reuse": "without_name"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.reuse == "without_name" and submission.reuse_changed_at is not None
    bad = client.post(url + "reuse/", {"reuse": "everything"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    submission.refresh_from_db()
    assert submission.reuse == "without_name"


# -- no consent, never a card --------------------------------------------------------------
def test_model_refuses_a_card_without_consent(client, cards_tree, django_capture_on_commit_callbacks):
    _submission, story = published_story(client, cards_tree, django_capture_on_commit_callbacks, reuse="no")
    card = CaseCardPage(
        title="No", slug="no", story=story, story_text=story.body, country="BE", summary="x", questions=QUESTIONS
    )
    with pytest.raises(ValidationError):
        card.full_clean(exclude=["path", "depth", "url_path"])
    with pytest.raises(ValidationError), translation.override("en"):
        cards_tree.library.add_child(instance=card)
    assert not CaseCardPage.objects.exists()


@pytest.mark.parametrize(
    "user,reuse,expected",
    [
        ("eu-coordinator", "with_name", 200),
        ("eu-moderator", "without_name", 200),
        ("eu-coordinator", "no", 403),
        ("eu-moderator", "no", 403),
        ("latam-coordinator", "with_name", 403),
        ("latam-moderator", "with_name", 403),
    ],
)
def test_admin_offers_a_card_only_to_the_region_and_only_with_consent(
    client, cards_tree, django_capture_on_commit_callbacks, user, reuse, expected
):
    _submission, story = published_story(client, cards_tree, django_capture_on_commit_callbacks, reuse=reuse)
    client.force_login(cards_tree.users[user])
    response = client.get(card_url(story))
    assert response.status_code == 200 if expected == 200 else refused(response)
    response = client.post(card_url(story), {"title": "T", "summary": "S", "questions": QUESTIONS})
    assert refused(response) == (expected != 200)
    assert CaseCardPage.objects.filter(story=story).exists() == (expected == 200)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    assert ("Make a case card" in edit.content.decode()) == (expected == 200 and edit.status_code == 200)


def test_admin_needs_three_to_five_questions(client, cards_tree, django_capture_on_commit_callbacks):
    _submission, story = published_story(client, cards_tree, django_capture_on_commit_callbacks)
    client.force_login(cards_tree.users["eu-coordinator"])
    response = client.post(card_url(story), {"title": "T", "summary": "S", "questions": "Only one?"})
    assert response.status_code == 400 and "you wrote 1" in response.content.decode()
    assert not CaseCardPage.objects.exists()


# -- a card in the library and in packs; withdrawal removes it at once ---------------------
def test_card_is_in_the_library_and_a_pack_until_consent_is_withdrawn(
    client, cards_tree, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    submission, story = published_story(client, cards_tree, capture, reuse="with_name", pen_name="Quiet Owl")
    card = make_card(client, cards_tree, story, capture)
    assert card.live and card.story_text == story.body and card.age_bands == ["16-18"]
    # The library lists it under its own format, with the consented credit.
    assert LibraryFacet.objects.filter(page=card, facet="format", value="case_card").exists()
    listing = client.get(cards_tree.library.url + "?format=case_card").content.decode()
    assert "A stranger in a game" in listing
    page = client.get(card.url).content.decode()
    assert "Story by Quiet Owl" in page and "Who could help?" in page and "/help/be/" in page
    # The read API lists it with the same credit and questions as the page.
    api = client.get("/api/v2/case-cards/?lang=en")
    assert api.status_code == 200, api.content
    (item,) = [item for item in api.json()["items"] if item["id"] == card.pk]
    assert item["credit"] == "Story by Quiet Owl" and "Who could help?" in item["questions"]
    detail = client.get(f"/api/v2/case-cards/{card.pk}/?lang=en").json()
    assert detail["story_text"] == story.body
    # A pack: one printable card per card page in the ZIP.
    with capture(execute=True):
        asked = client.post("/en/packs/request/", {"item": [str(card.pk)], "language": "en"})
    key = re.search(r"/packs/builds/([0-9a-f]{64})/", asked["Location"]).group(1)
    download = client.get(f"/en/packs/builds/{key}/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    cards = [name for name in archive.namelist() if name.startswith("cards/")]
    assert len(cards) == 1
    printable = archive.read(cards[0]).decode()
    assert "Who could help?" in printable and "Story by Quiet Owl" in printable
    assert "http://" in printable and "/help/be/" in printable  # the help link works offline
    assert cards[0] in archive.read("index.html").decode()
    # Without the pen name: the credit changes and the old pack is never handed out again.
    client.post(status_url(submission.token) + "reuse/", {"reuse": "without_name"})
    card.refresh_from_db()
    assert "Story by a young person from Belgium" in client.get(card.url).content.decode()
    assert client.get(f"/en/packs/builds/{key}/download/").status_code == 410
    # Withdrawn: gone from the library, its page, packs and the API, in that one request.
    with capture(execute=True):
        client.post(status_url(submission.token) + "reuse/", {"reuse": "no"})
    assert not CaseCardPage.objects.exists()
    assert not LibraryFacet.objects.filter(page_id=card.pk).exists()
    assert "A stranger in a game" not in client.get(cards_tree.library.url).content.decode()
    assert client.get(card.url).status_code == 404
    assert client.get(f"/en/packs/builds/{key}/download/").status_code == 410
    assert card.pk not in [item["id"] for item in client.get("/api/v2/case-cards/?lang=en").json()["items"]]
    assert client.get(f"/api/v2/case-cards/{card.pk}/?lang=en").status_code == 404
    again = client.post("/en/packs/request/", {"item": [str(card.pk)], "language": "en"})
    assert again.status_code == 400
    # And nobody can make a new one.
    client.force_login(cards_tree.users["eu-coordinator"])
    assert refused(client.get(card_url(story)))


def test_deleting_the_story_deletes_its_cards(client, cards_tree, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    submission, story = published_story(client, cards_tree, capture)
    make_card(client, cards_tree, story, capture)
    with capture(execute=True):
        client.post(status_url(submission.token) + "withdraw/", {"confirm": "on"})
    assert not CaseCardPage.objects.exists()


def test_a_story_taken_down_takes_its_card_down(client, cards_tree, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    _submission, story = published_story(client, cards_tree, capture)
    card = make_card(client, cards_tree, story, capture)
    with capture(execute=True):
        StoryPage.objects.get(pk=story.pk).unpublish()  # as a moderator's take-down does
    card.refresh_from_db()
    assert not card.live
    assert not LibraryFacet.objects.filter(page_id=card.pk).exists()
