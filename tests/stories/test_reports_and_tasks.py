"""Reports, periodic tasks (requeue, reminders, retention) and broker outages."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from kombu.exceptions import OperationalError

from campaign.moderation import decisions
from campaign.stories import tasks
from campaign.stories.models import ParentalConsent, StoryPage, StoryReport, Submission

from .factories import latest_submission, status_url, submit, token_from, upload

pytestmark = pytest.mark.django_db
Status = Submission.Status


@pytest.fixture
def published(client, stories_tree, django_capture_on_commit_callbacks):
    response = submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        files={"picture": upload("drawing_ok.png")},
    )
    submission = latest_submission()
    with django_capture_on_commit_callbacks(execute=True):
        decisions.approve(submission.page.specific, stories_tree.users["eu-moderator"])
    submission.refresh_from_db()
    submission.token = token_from(response)
    return submission


def test_reports_reach_moderators_and_hide_the_story(
    client, stories_tree, published, settings, django_capture_on_commit_callbacks
):
    settings.STORIES_REPORT_HIDE_THRESHOLD = 2
    stories_tree.users["eu-moderator"].email = "mod@example.org"
    stories_tree.users["eu-moderator"].save()
    page = StoryPage.objects.get(pk=published.page_id)
    url = f"/en/stories/report/{page.pk}/"
    assert client.post(url, {}).status_code == 400  # a reason is needed
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "personal_information"}, REMOTE_ADDR="10.0.0.1")
    assert "Thank you for telling us" in response.content.decode()
    assert mail.outbox and mail.outbox[-1].to == ["mod@example.org"]
    # the same visitor counts once
    client.post(url, {"reason": "hurtful"}, REMOTE_ADDR="10.0.0.1")
    assert StoryReport.objects.count() == 1
    assert StoryPage.objects.get(pk=page.pk).live
    files = list(published.public_picture["files"].values())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "hurtful"}, REMOTE_ADDR="10.0.0.2")
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url or f"/en/europe/stories/{page.slug}/").status_code == 404
    assert not any((settings.MEDIA_ROOT / name).exists() for name in files)
    submission = Submission.objects.get(pk=published.pk)
    assert submission.status == Status.IN_REVIEW
    assert "checking your story" in client.get(status_url(published.token)).content.decode()
    # back in the region's queue; approving shows it again
    decisions.approve(page, stories_tree.users["eu-moderator"])
    page.refresh_from_db()
    assert page.live and Submission.objects.get(pk=published.pk).status == Status.PUBLISHED
    assert not StoryReport.objects.filter(resolved_at__isnull=True).exists()


def test_three_reports_from_one_ipv6_host_count_once(
    client, stories_tree, published, settings, django_capture_on_commit_callbacks
):
    """An attacker's probe: 2001:db8:1:2::1, ::2 and ::3 are one /64, one reporter (the rate
    limits' key), so they cannot take a story down; another /64 is another reporter."""
    settings.STORIES_REPORT_HIDE_THRESHOLD = 3
    page = StoryPage.objects.get(pk=published.page_id)
    url = f"/en/stories/report/{page.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        for host in ("2001:db8:1:2::1", "2001:db8:1:2::2", "2001:db8:1:2::3"):
            client.post(url, {"reason": "hurtful"}, REMOTE_ADDR=host)
    assert StoryReport.objects.filter(page=page).count() == 1
    assert StoryPage.objects.get(pk=page.pk).live
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": "hurtful"}, REMOTE_ADDR="2001:db8:1:3::1")
    assert StoryReport.objects.filter(page=page).count() == 2


def test_reporter_key_is_the_rate_limit_key():
    from django.test import RequestFactory
    from django_ratelimit.core import _get_ip

    from sid.clientip import address_key

    for address in ("2001:db8:1:2::1", "2001:db8:1:2:ffff::9", "192.0.2.5"):
        request = RequestFactory().get("/", REMOTE_ADDR=address)
        assert address_key(address) == _get_ip(request)


def test_reports_are_not_accepted_for_drafts(client, stories_tree, django_capture_on_commit_callbacks):
    submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks)
    assert client.post(f"/en/stories/report/{latest_submission().page_id}/", {"reason": "spam"}).status_code == 404


def test_broker_down_submission_is_saved_answered_and_requeued(
    client, stories_tree, monkeypatch, django_capture_on_commit_callbacks, settings
):
    from outbox import core
    from outbox.tasks import deliver

    def broker_down(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(deliver, "apply_async", broker_down)
    monkeypatch.setitem(core._broker, "down_until", 0.0)
    response = submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert "Thank you" in client.get(response["Location"]).content.decode()
    submission = latest_submission()
    assert submission.status == Status.RECEIVED and submission.body
    monkeypatch.undo()
    settings.CELERY_TASK_ALWAYS_EAGER = True  # the broker is back (in-process here)
    settings.STORIES_STUCK_AFTER_MINUTES = 0
    Submission.objects.update(created_at=timezone.now() - timedelta(minutes=1))
    assert tasks.requeue_stuck_submissions() == 0  # its work already waits in the outbox
    assert core.sweep() == 1  # the outbox's periodic sweep sends it
    assert latest_submission().status == Status.IN_REVIEW
    core._broker.update(down_until=0.0, since=None)


def test_reminders_go_to_region_moderators_or_global_team(
    client, stories_tree, django_capture_on_commit_callbacks, settings
):
    settings.STORIES_REMINDER_AFTER_HOURS = 1
    moderator = stories_tree.users["eu-moderator"]
    moderator.email = "eu-mod@example.org"
    moderator.save()
    submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks)
    submit(client, stories_tree.sections["latam"], django_capture_on_commit_callbacks, country="MX")
    stories_tree.users["latam-moderator"].groups.clear()  # latam has no moderators
    team = Group.objects.create(name=settings.STORIES_GLOBAL_TEAM_GROUP)
    helper = stories_tree.users["admin"]
    helper.email = "global@example.org"
    helper.save()
    helper.groups.add(team)
    Submission.objects.update(in_review_since=timezone.now() - timedelta(hours=2))
    mail.outbox.clear()
    assert tasks.remind_moderators() == 2
    recipients = sorted(tuple(message.to) for message in mail.outbox)
    assert recipients == [("eu-mod@example.org",), ("global@example.org",)]
    assert tasks.remind_moderators() == 0  # not again before the wait has passed


def test_retention_purges_rejected_withdrawn_and_unanswered(
    client, stories_tree, django_capture_on_commit_callbacks, settings
):
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        files={"picture": upload("drawing_ok.png")},
    )
    rejected = latest_submission()
    decisions.reject(rejected.page.specific, stories_tree.users["eu-moderator"], "spam")
    submit(
        client,
        stories_tree.sections["eu"],
        django_capture_on_commit_callbacks,
        age_band="11_12",
        country="SE",
        parent_email="p@example.org",
    )
    waiting = latest_submission()
    submit(client, stories_tree.sections["eu"], django_capture_on_commit_callbacks)
    fresh = latest_submission()
    private_picture = settings.STORIES_PRIVATE_ROOT / Submission.objects.get(pk=rejected.pk).picture_name
    assert private_picture.exists()
    assert tasks.purge_expired() == 0
    old = timezone.now() - timedelta(days=60)
    Submission.objects.filter(pk=rejected.pk).update(decided_at=old)
    Submission.objects.filter(pk=waiting.pk).update(created_at=old)
    ParentalConsent.objects.update(created_at=old)
    assert tasks.purge_expired() == 2
    assert list(Submission.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not ParentalConsent.objects.exists()
    assert not StoryPage.objects.filter(pk=rejected.page_id).exists()
    assert not private_picture.exists()


def test_status_link_is_unguessable_and_private(client, stories_tree):
    assert client.get(status_url("not-a-real-token")).status_code == 404
