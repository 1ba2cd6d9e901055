"""Nothing unapproved is reachable; the original picture never is; regions never see each other."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page

from campaign.moderation import decisions
from campaign.moderation.models import ModerationItem
from campaign.stories.models import ParentalConsent, StoryPage
from tests.sitemap_reader import sitemap_text
from translations.core.languages import LANGUAGE_CODES

from .factories import latest_submission, submit, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client, stories_tree, django_capture_on_commit_callbacks):
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        title="Secret draft title",
        body="A draft story that nobody may read before approval.",
        files={"picture": upload("photo_with_gps.jpg")},
    )
    return latest_submission()


def test_draft_unreachable_everywhere(client, stories_tree, draft):
    page = draft.page.specific
    assert not page.live
    for language in ("en", "es", "fr"):
        assert client.get(f"/{language}/europe/stories/{page.slug}/").status_code == 404
    listing = client.get(stories_tree.sections["eu"].url).content.decode()
    assert "Secret draft title" not in listing
    sitemap = sitemap_text(client)
    assert page.slug not in sitemap
    assert "/stories/" in sitemap  # the section itself is listed
    # Search of public pages does not find it; there is no page API.
    assert not Page.objects.live().public().search("Secret draft")
    assert client.get("/api/v2/pages/", follow=True).status_code == 404
    # Nothing public names it: not a page title, meta tag or link on the pages around it,
    # in any language.
    for language in LANGUAGE_CODES:
        with translation.override(language):
            urls = [stories_tree.home.url, stories_tree.regions["eu"].url, stories_tree.sections["eu"].url]
        for url in urls + [url + "submit/" for url in urls[2:]]:
            html = client.get(url).content.decode()
            assert "Secret draft" not in html and page.slug not in html, url
    # Nothing under MEDIA_ROOT: the picture only exists in private storage outside it.
    media = settings.MEDIA_ROOT
    assert not (media.exists() and any(p.is_file() for p in media.rglob("*")))
    private = settings.STORIES_PRIVATE_ROOT.resolve()
    assert not str(private).startswith(str(settings.MEDIA_ROOT.resolve()))
    assert client.get(settings.MEDIA_URL + draft.picture_name).status_code == 404
    # The admin picture view refuses the public and other regions' moderators.
    picture_url = reverse("stories_admin:picture", args=[draft.pk])
    assert client.get(picture_url).status_code in (302, 403)
    client.force_login(stories_tree.users["latam-moderator"])
    assert client.get(picture_url, follow=True).status_code == 404
    client.force_login(stories_tree.users["eu-moderator"])
    response = client.get(picture_url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "no-store" in response["Cache-Control"]


def test_approved_story_serves_renditions_only(client, stories_tree, draft):
    page = draft.page.specific
    decisions.approve(page, stories_tree.users["eu-moderator"])
    draft.refresh_from_db()
    page.refresh_from_db()
    html = client.get(page.url).content.decode()
    for name in draft.public_picture["files"].values():
        assert settings.MEDIA_URL + name in html
    assert draft.picture_name not in html
    # The private picture (the only full-size copy) is not under MEDIA_ROOT at any path.
    assert not list(settings.MEDIA_ROOT.rglob(draft.picture_name))
    assert reverse("stories_admin:picture", args=[draft.pk]) not in html
    # The picture is only shown from public media, with no metadata (checked in test_uploads).
    # (The site's logo in the header is the page's only other image.)
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert main.count("<img") == 1 and "/admin/" not in main


def test_parent_email_never_rendered(client, stories_tree, django_capture_on_commit_callbacks):
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        age_band="up_to_10",
        country="DE",
        parent_email="mum.secret@example.org",
    )
    submission = latest_submission()
    assert ParentalConsent.objects.get(submission=submission).email == "mum.secret@example.org"
    client.force_login(stories_tree.users["admin"])
    for url in (
        reverse("stories_admin:queue"),
        reverse("stories_admin:review", args=[submission.pk]),
        reverse("stories_admin:export"),
    ):
        assert "mum.secret" not in client.get(url, follow=True).content.decode()


def test_moderator_never_sees_another_regions_queue(client, stories_tree, django_capture_on_commit_callbacks):
    submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks, title="Europe only story")
    submission = latest_submission()
    client.force_login(stories_tree.users["latam-moderator"])
    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "Europe only story" not in queue
    assert client.get(reverse("stories_admin:review", args=[submission.pk]), follow=True).status_code == 404
    assert "Europe only story" not in client.get(reverse("stories_admin:export")).content.decode()
    # Bulk approve with a foreign id does nothing.
    item = ModerationItem.objects.get(kind="story", object_id=submission.pk)
    client.post(reverse("moderation:queue"), {"item": [item.pk], "decision": "approve", "confirm": "yes"})
    assert client.get(reverse("moderation:review", args=[item.pk]), follow=True).status_code == 404
    assert not StoryPage.objects.get(pk=submission.page_id).live
    # Wagtail's own page editor refuses too.
    assert client.get(reverse("wagtailadmin_pages:edit", args=[submission.page_id])).status_code in (302, 403)
    client.force_login(stories_tree.users["eu-moderator"])
    assert "Europe only story" in client.get(reverse("moderation:queue")).content.decode()


def test_bulk_approve_and_reject(client, stories_tree, django_capture_on_commit_callbacks):
    for number in range(3):
        submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks, title=f"Bulk story {number}")
    first, second, third = [s for s in latest_submission().__class__.objects.order_by("pk")]
    client.force_login(stories_tree.users["eu-moderator"])
    items = {s.pk: ModerationItem.objects.get(kind="story", object_id=s.pk).pk for s in (first, second, third)}
    queue = reverse("moderation:queue")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(queue, {"item": [items[first.pk], items[second.pk]], "decision": "approve", "confirm": "yes"})
    missing_reason = client.post(queue, {"item": [items[third.pk]], "decision": "reject"})
    assert missing_reason.status_code == 400
    client.post(queue, {"item": [items[third.pk]], "decision": "reject", "reason": "off_topic", "confirm": "yes"})
    statuses = {s.pk: (s.status, s.rejection_reason) for s in first.__class__.objects.all()}
    assert statuses[first.pk][0] == statuses[second.pk][0] == "published"
    assert statuses[third.pk] == ("rejected", "off_topic")


def test_review_highlights_findings_and_applies_redactions(client, stories_tree, django_capture_on_commit_callbacks):
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        body="Write to me at jess.tanaka2011@mailbox.example or add me on snap: amyxo13 please.",
    )
    submission = latest_submission()
    client.force_login(stories_tree.users["eu-moderator"])
    url = client.get(reverse("stories_admin:review", args=[submission.pk]))["Location"]
    html = client.get(url).content.decode()
    assert '<mark class="story-finding" data-label="email"' in html
    assert '<mark class="story-finding" data-label="handle"' in html
    client.post(url, {"redact": "1"})
    decisions.approve(submission.page.specific, stories_tree.users["eu-moderator"])
    page = StoryPage.objects.get(pk=submission.page_id)
    assert page.live
    assert "jess.tanaka" not in page.body and "amyxo13" not in page.body
    assert "[email removed]" in page.body
    assert "jess.tanaka" not in client.get(page.url).content.decode()


def _texts_kept_by_wagtail(page_id: int) -> str:
    """Every revision and log entry Wagtail keeps for a page, as one string."""
    import json

    from wagtail.models import PageLogEntry, Revision

    revisions = [
        json.dumps(r.content, ensure_ascii=False) for r in Revision.page_revisions.filter(object_id=str(page_id))
    ]
    logs = [
        f"{entry.label} {json.dumps(entry.data, ensure_ascii=False)}"
        for entry in PageLogEntry.objects.filter(page_id=page_id)
    ]
    return "\n".join(revisions + logs)


def test_redacted_text_is_not_kept_in_the_published_storys_history(
    client, stories_tree, django_capture_on_commit_callbacks
):
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        title="My name is Jess Tanaka",
        body="Text me on 07700 900123 if you want to talk, I get it.",
    )
    submission = latest_submission()
    page_id = submission.page_id
    assert "07700 900123" in _texts_kept_by_wagtail(page_id)  # the draft as sent, before review
    client.force_login(stories_tree.users["eu-moderator"])
    review_url = client.get(reverse("stories_admin:review", args=[submission.pk]))["Location"]
    client.post(review_url, {"redact": "1"})
    client.post(review_url, {"decision": "approve"})
    page = StoryPage.objects.get(pk=page_id)
    assert page.live and "[phone number removed]" in page.body and "[name removed]" in page.title
    kept = _texts_kept_by_wagtail(page_id)
    assert "07700 900123" not in kept, kept
    assert "Jess Tanaka" not in kept, kept
    # The approval is still on record, and the page's history shows no unredacted text.
    from wagtail.models import PageLogEntry

    assert PageLogEntry.objects.filter(page_id=page_id, action="wagtail.workflow.approve").exists()
    history = client.get(reverse("wagtailadmin_pages:history", args=[page_id])).content.decode()
    assert "Jess Tanaka" not in history


@pytest.mark.parametrize("end", ["withdrawn", "rejected and purged"])
def test_nothing_of_a_deleted_story_stays_in_wagtails_records(
    end, client, stories_tree, django_capture_on_commit_callbacks, settings
):
    from datetime import timedelta

    from django.utils import timezone

    from campaign.stories import tasks

    from .factories import status_url, token_from

    response = submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        title="Story by Jess Tanaka from Leeds",
    )
    submission = latest_submission()
    page_id = submission.page_id
    if end == "withdrawn":
        decisions.approve(submission.page.specific, stories_tree.users["eu-moderator"])
        client.post(status_url(token_from(response)) + "withdraw/", {"confirm": "on"})
    else:
        decisions.reject(submission.page.specific, stories_tree.users["eu-moderator"], "personal_information")
        submission.__class__.objects.update(decided_at=timezone.now() - timedelta(days=365))
        assert tasks.purge_expired() == 1
    assert not StoryPage.objects.filter(pk=page_id).exists()
    assert "Jess Tanaka" not in _texts_kept_by_wagtail(page_id)


def test_bulk_decision_with_ids_that_are_not_ids(client, stories_tree, django_capture_on_commit_callbacks):
    submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks, title="Odd ids story")
    client.force_login(stories_tree.users["eu-moderator"])
    response = client.post(reverse("moderation:queue"), {"item": ["²", "9" * 40, "x"], "decision": "approve"})
    assert response.status_code == 400
    assert "Choose at least one item." in response.content.decode()
    assert not StoryPage.objects.get(pk=latest_submission().page_id).live
