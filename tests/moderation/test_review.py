"""The review shows exactly what will be published, and takes the decision in one place."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from campaign.moderation.models import ModerationItem
from campaign.stories.models import StoryPage, Submission
from campaign.stories.redaction import MARKER_LABELS

from .helpers import send_story, story_item

pytestmark = pytest.mark.django_db


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.index("</section>", start)
    return html[start:end]


def test_redaction_shows_what_will_be_published_rescans_and_publishes_exactly_that(
    client, stories_tree, django_capture_on_commit_callbacks
):
    submission = send_story(
        client,
        stories_tree,
        django_capture_on_commit_callbacks,
        body="Write to me at jess.tanaka2011@mailbox.example or call 07700 900123 after school please.",
    )
    item = story_item(submission)
    assert "pii" in item.flag_list
    client.force_login(stories_tree.users["eu-moderator"])
    url = reverse("moderation:review", args=[item.pk])
    html = client.get(url).content.decode()
    published = _section(html, "published-heading")
    assert '<mark class="story-finding" data-label="email"' in published
    # One action: apply the suggested redactions; the review shows the new text, scanned again.
    client.post(url, {"redact": "1"})
    html = client.get(url).content.decode()
    published, original = _section(html, "published-heading"), _section(html, "original-heading")
    assert "jess.tanaka2011" not in published and "07700 900123" not in published
    assert escape(str(MARKER_LABELS["email"])) in published and escape(str(MARKER_LABELS["phone"])) in published
    assert "[email removed]" not in published  # a marker, never the bracket text
    assert "finds no personal information" in published
    assert "jess.tanaka2011" in original  # the moderator still sees what was sent
    submission.refresh_from_db()
    assert submission.findings == []
    item.refresh_from_db()
    assert "pii" not in item.flag_list and "redacted" in item.flag_list
    assert "jess.tanaka" not in item.preview
    # Second action: approve and next. The published text is the reviewed text.
    reviewed = StoryPage.objects.get(pk=submission.page_id).get_latest_revision_as_object().body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("moderation:next"))
    page = StoryPage.objects.get(pk=submission.page_id)
    assert page.live and page.body == reviewed
    public = client.get(page.url).content.decode()
    assert "[email removed]" not in public and "[phone number removed]" not in public
    assert 'class="story-redaction" data-redaction="email"' in public
    assert not ModerationItem.objects.get(pk=item.pk).is_open


def test_marker_is_in_the_readers_language(client, stories_tree, django_capture_on_commit_callbacks):
    from django.utils import translation

    from campaign.moderation import decisions

    submission = send_story(
        client, stories_tree, django_capture_on_commit_callbacks, body="My name is Jess Tanaka and I was scared."
    )
    from campaign.stories.moderation import apply_redactions

    moderator = stories_tree.users["eu-moderator"]
    apply_redactions(submission, moderator)
    decisions.approve(submission.page.specific, moderator)
    page = StoryPage.objects.get(pk=submission.page_id)
    for language in ("fr", "ar", "ja"):
        with translation.override(language):
            url = page.get_url()
            marker = str(MARKER_LABELS["full_name"])
        html = client.get(url).content.decode()
        assert f'lang="{language}"' in html
        assert f'data-redaction="full_name" lang="{language}"' in html
        assert escape(marker) in html
        assert "[name removed]" not in html


def test_edit_in_the_review_is_scanned_and_published(client, stories_tree, django_capture_on_commit_callbacks):
    submission = send_story(client, stories_tree, django_capture_on_commit_callbacks)
    item = story_item(submission)
    client.force_login(stories_tree.users["eu-moderator"])
    url = reverse("moderation:review", args=[item.pk])
    client.post(
        url,
        {
            "edit": "1",
            "pen_name": "Brave Fox",
            "title": "How I blocked a stranger",
            "body": "Someone kept messaging me. My number is 07700 900123. We blocked and reported him.",
        },
    )
    submission.refresh_from_db()
    assert [f["label"] for f in submission.findings] == ["phone"]  # scanned again after the edit
    item.refresh_from_db()
    assert "pii" in item.flag_list
    assert "07700 900123" in _section(client.get(url).content.decode(), "published-heading")


def test_reject_needs_a_reason_and_reaches_the_child_in_their_language(
    client, stories_tree, django_capture_on_commit_callbacks
):
    from campaign.moderation.reasons import reason_label

    submission = send_story(client, stories_tree, django_capture_on_commit_callbacks, url_language="fr", language="fr")
    item = story_item(submission)
    client.force_login(stories_tree.users["eu-moderator"])
    url = reverse("moderation:review", args=[item.pk])
    assert client.post(url, {"decision": "reject"}).status_code == 400
    assert Submission.objects.get(pk=submission.pk).status == Submission.Status.IN_REVIEW
    client.post(url, {"decision": "reject", "reason": "off_topic"})
    assert Submission.objects.get(pk=submission.pk).rejection_reason == "off_topic"
    client.logout()
    status = client.get(f"/fr/stories/status/{submission.token}/").content.decode()
    assert escape(reason_label("off_topic", "fr")) in status


def test_heading_is_the_page_title_not_home(client, stories_tree, django_capture_on_commit_callbacks):
    submission = send_story(client, stories_tree, django_capture_on_commit_callbacks, title="A very clear title")
    client.force_login(stories_tree.users["eu-moderator"])
    import re

    for url, title in (
        (reverse("moderation:queue"), "Moderation queue"),
        (reverse("moderation:review", args=[story_item(submission).pk]), "Review: A very clear title"),
    ):
        html = client.get(url).content.decode()
        crumbs = re.search(r'<nav[^>]*aria-label="Breadcrumb".*?</nav>', html, re.S)
        assert crumbs, html[:3000]
        assert title in crumbs.group(0)
        assert f"<title>{title}" in html


def test_redact_asked_for_an_event_changes_nothing_and_never_fails(client, stories_tree):
    """Only stories' text is redacted here: a crafted ``redact=1`` on a partner event's review
    leaves the event as it was and answers the review again (it used to be a 500)."""
    from .helpers import send_event

    event = send_event(stories_tree, title="Family workshop in Brussels")
    item = ModerationItem.objects.get(kind="event", object_id=event.pk)
    client.force_login(stories_tree.users["eu-moderator"])
    url = reverse("moderation:review", args=[item.pk])
    status = event.status
    response = client.post(url, {"redact": "1"})
    assert response.status_code == 302 and response["Location"].startswith(url)
    event.refresh_from_db()
    item.refresh_from_db()
    assert event.status == status and item.is_open
