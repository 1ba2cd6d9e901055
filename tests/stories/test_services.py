"""With real PostgreSQL, Redis and a Celery worker: a worker outage loses nothing."""

import time

import pytest

from campaign.stories.models import Submission
from tests.factories import build_site_tree

from .factories import add_story_sections, story_data, submit_url, upload

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def wait_for(predicate, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_submissions_saved_and_answered_while_worker_is_down_then_processed(celery_worker, client):
    tree = build_site_tree()
    section = add_story_sections(tree)["eu"]
    celery_worker.stop()
    assert not celery_worker.alive
    tokens = []
    for number in range(3):
        response = client.post(
            submit_url(section),
            {**story_data(title=f"Sent while the worker was down {number}"), "picture": upload("photo_with_gps.jpg")},
        )
        assert response.status_code == 302
        tokens.append(response["Location"])
        assert "Thank you" in client.get(response["Location"]).content.decode()
    assert set(Submission.objects.values_list("status", flat=True)) == {Submission.Status.RECEIVED}
    celery_worker.start()
    processed = wait_for(lambda: Submission.objects.filter(status=Submission.Status.IN_REVIEW).count() == 3)
    assert processed, celery_worker.log()
    for submission in Submission.objects.all():
        assert submission.page is not None and not submission.page.live
        assert submission.page.specific.current_workflow_state is not None
