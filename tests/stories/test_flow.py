"""A story's whole life through the real form and the real moderation workflow."""

import pytest
from django.core import mail
from django.utils.html import escape

from campaign.moderation import decisions
from campaign.moderation.reasons import reason_label
from campaign.stories.models import ParentalConsent, StoryPage, Submission

from .factories import latest_submission, status_url, story_data, submit, token_from, upload

pytestmark = pytest.mark.django_db
Status = Submission.Status


def test_submission_goes_to_review_as_draft_and_is_not_public(client, stories_tree, django_capture_on_commit_callbacks):
    response = submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks)
    assert response.status_code == 302
    token = token_from(response)
    submission = latest_submission()
    assert submission.status == Status.IN_REVIEW
    assert submission.status_token_hash != token and token not in submission.status_token_hash
    page = submission.page.specific
    assert not page.live
    assert page.title == "How I blocked a stranger"
    assert page.current_workflow_state is not None
    # the texts live on the draft only
    assert submission.body == "" and submission.pen_name == ""
    assert client.get(page.url or "/en/europe/stories/" + page.slug + "/").status_code == 404
    status = client.get(status_url(token))
    assert status.status_code == 200
    assert "A moderator is checking your story." in status.content.decode()
    assert status["Cache-Control"].startswith("max-age=0") or "no-store" in status["Cache-Control"]
    assert status["Referrer-Policy"] == "same-origin"


def test_moderator_approves_and_story_is_published(client, stories_tree, django_capture_on_commit_callbacks):
    response = submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks)
    token = token_from(response)
    page = latest_submission().page.specific
    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve(page, stories_tree.users["eu-moderator"])
    page.refresh_from_db()
    assert page.live
    assert latest_submission().status == Status.PUBLISHED
    public = client.get(page.url)
    body = public.content.decode()
    assert "How I blocked a stranger" in body and "Brave Fox" in body
    assert "Report this story" in body and "helpline" in body
    assert "Read it here" in client.get(status_url(token)).content.decode()


def test_other_region_moderator_cannot_decide(stories_tree, client, django_capture_on_commit_callbacks):
    submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks)
    page = latest_submission().page.specific
    assert decisions.allowed_actions(page, stories_tree.users["latam-moderator"]) == set()
    with pytest.raises(decisions.PermissionDenied):
        decisions.approve(page, stories_tree.users["latam-moderator"])


def test_rejection_reason_is_shown_translated(client, stories_tree, django_capture_on_commit_callbacks):
    response = submit(
        client, stories_tree.sections["eu"], django_capture_on_commit_callbacks, url_language="fr", language="fr"
    )
    token = token_from(response)
    submission = latest_submission()
    decisions.reject(submission.page.specific, stories_tree.users["eu-moderator"], "personal_information")
    submission.refresh_from_db()
    assert submission.status == Status.REJECTED
    assert submission.rejection_reason == "personal_information"
    page = client.get(status_url(token, "fr")).content.decode()
    # The reason is shown in the submitter's language (French here), from the catalogue.
    french = reason_label("personal_information", "fr")
    assert french != reason_label("personal_information", "en")
    assert escape(french) in page


def test_young_child_needs_parent_consent_before_review(client, stories_tree, django_capture_on_commit_callbacks):
    # 14 in France: below France's age of digital consent (15)
    missing = client.post(
        "/en/europe/stories/submit/",
        {**story_data(age_band="14", country="FR")},
    )
    assert missing.status_code == 400
    assert "parent or carer" in missing.content.decode()
    assert not Submission.objects.exists()

    response = submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        age_band="14",
        country="FR",
        parent_email="parent@example.org",
        language="es",
    )
    token = token_from(response)
    submission = latest_submission()
    assert submission.status == Status.AWAITING_CONSENT
    assert submission.page is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["parent@example.org"]
    assert "Día de la Internet Segura" in message.body  # the campaign's name, in the story's language
    link = [line for line in message.body.splitlines() if "/stories/consent/" in line][0].strip()
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    assert "parent@example.org" not in client.get(status_url(token)).content.decode()
    assert "waiting for your parent" in client.get(status_url(token)).content.decode()
    # a GET does not confirm (mail scanners follow links)
    client.get(path)
    assert latest_submission().status == Status.AWAITING_CONSENT
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(path)
    assert confirmed.status_code == 200
    consent = ParentalConsent.objects.get()
    assert consent.email == "" and consent.confirmed
    assert latest_submission().status == Status.IN_REVIEW


def test_withdrawal_unpublishes_and_deletes(client, stories_tree, django_capture_on_commit_callbacks, settings):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/europe/stories/submit/",
            {**story_data(), "picture": upload("drawing_ok.png")},
        )
    token = token_from(response)
    submission = latest_submission()
    page = submission.page.specific
    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve(page, stories_tree.users["eu-moderator"])
    submission.refresh_from_db()
    files = list(submission.public_picture["files"].values())
    assert files and all((settings.MEDIA_ROOT / name).exists() for name in files)
    private = settings.STORIES_PRIVATE_ROOT / submission.picture_name
    assert private.exists()
    url = page.url
    missing_confirm = client.post(status_url(token) + "withdraw/", {})
    assert missing_confirm.status_code == 400
    client.post(status_url(token) + "withdraw/", {"confirm": "on"})
    submission.refresh_from_db()
    assert submission.status == Status.WITHDRAWN
    assert not StoryPage.objects.filter(pk=page.pk).exists()
    assert client.get(url).status_code == 404
    assert not private.exists()
    assert not any((settings.MEDIA_ROOT / name).exists() for name in files)
    assert "You deleted your story" in client.get(status_url(token)).content.decode()


def _consent_path(message) -> str:
    link = [line for line in message.body.splitlines() if "/stories/consent/" in line][0].strip()
    return "/" + link.split("/", 3)[3]


def test_consent_request_is_retried_when_the_mail_server_fails(
    client, stories_tree, django_capture_on_commit_callbacks, monkeypatch, settings
):
    from smtplib import SMTPServerDisconnected

    from campaign.stories import tasks

    def mail_server_down(*args, **kwargs):
        raise SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(tasks, "send_mail", mail_server_down)
    response = submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        age_band="11_12",
        country="IT",
        parent_email="parent@example.org",
    )
    assert response.status_code == 302  # the young person still gets their answer
    consent = ParentalConsent.objects.get()
    # Nothing marks the parent as asked, so the email is sent again.
    assert consent.requested_at is None and consent.email == "parent@example.org"
    assert latest_submission().status == Status.AWAITING_CONSENT
    monkeypatch.undo()
    from django.utils import timezone

    from outbox.core import sweep
    from outbox.models import OutboxMessage

    # The outbox tries the failed email again once its back-off has passed.
    OutboxMessage.objects.filter(state=OutboxMessage.State.PENDING).update(available_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        sweep()
    assert [m.to for m in mail.outbox] == [["parent@example.org"]]
    consent.refresh_from_db()
    assert consent.requested_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(_consent_path(mail.outbox[0])).status_code == 200
    assert latest_submission().status == Status.IN_REVIEW


def test_consent_link_expires_and_cannot_be_reused(client, stories_tree, django_capture_on_commit_callbacks, settings):
    from datetime import timedelta

    from django.utils import timezone

    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        age_band="13",
        country="DE",
        parent_email="parent@example.org",
    )
    path = _consent_path(mail.outbox[0])
    assert "I agree" in client.get(path).content.decode()
    ParentalConsent.objects.update(
        requested_at=timezone.now() - timedelta(days=settings.STORIES_CONSENT_RETENTION_DAYS, minutes=1)
    )
    for response in (client.get(path), client.post(path)):
        assert response.status_code == 404
        assert "This link does not work any more" in response.content.decode()
    assert latest_submission().status == Status.AWAITING_CONSENT
    assert latest_submission().page is None  # never reviewed without a parent's yes
    # A fresh link works once, then never again.
    ParentalConsent.objects.update(requested_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 200
    assert client.post(path).status_code == 404
    assert ParentalConsent.objects.get().email == ""


def test_no_consent_link_after_the_story_was_withdrawn(client, stories_tree, django_capture_on_commit_callbacks):
    response = submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        age_band="up_to_10",
        country="BE",
        parent_email="parent@example.org",
    )
    path = _consent_path(mail.outbox[0])
    client.post(status_url(token_from(response)) + "withdraw/", {"confirm": "on"})
    assert not ParentalConsent.objects.exists()  # the parent's email went with it
    assert client.post(path).status_code == 404
    assert latest_submission().status == Status.WITHDRAWN
