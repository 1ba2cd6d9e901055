"""``manage.py moderation_queue rebuild``: each kind's adapter refills the queue from its own records."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from campaign.moderation import decisions, queue
from campaign.moderation.models import ItemKind, ModerationItem
from campaign.stories import pipeline
from campaign.stories.models import StoryPage

from .helpers import send_event, send_story

pytestmark = pytest.mark.django_db


def open_items() -> set[tuple[str, int]]:
    return set(ModerationItem.objects.filter(is_open=True).values_list("kind", "object_id"))


def test_rebuild_refills_stories_events_and_reports_and_closes_what_left_review(
    client, stories_tree, django_capture_on_commit_callbacks
):
    story = send_story(client, stories_tree, django_capture_on_commit_callbacks, title="A story in review")
    event = send_event(stories_tree, title="A workshop in review")
    published = send_story(client, stories_tree, django_capture_on_commit_callbacks, title="A reported story")
    decisions.approve(published.page.specific, stories_tree.users["eu-moderator"])
    page = StoryPage.objects.get(pk=published.page_id)
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.report(page, "hurtful", "203.0.113.9")
    expected = {(ItemKind.STORY, story.pk), (ItemKind.EVENT, event.pk), (ItemKind.REPORT, page.pk)}
    assert open_items() == expected

    # A restored backup: the queue is empty but for a published story's row left open.
    ModerationItem.objects.all().delete()
    stale = ModerationItem.objects.create(kind=ItemKind.STORY, object_id=published.pk, waiting_since=timezone.now())
    out = StringIO()
    call_command("moderation_queue", "rebuild", stdout=out)

    assert open_items() == expected
    assert not ModerationItem.objects.get(pk=stale.pk).is_open
    assert out.getvalue().strip() == "3 items waiting (2 synced)."
    # The rows carry what the screens show: the story's age group, labelled by its adapter.
    row = ModerationItem.objects.get(kind=ItemKind.STORY, object_id=story.pk)
    assert row.title == "A story in review" and row.age_band
    assert queue.age_band_labels()[row.age_band] == "16 or 17"
    # Safe to re-run: nothing changes.
    call_command("moderation_queue", "rebuild", stdout=StringIO())
    assert open_items() == expected
