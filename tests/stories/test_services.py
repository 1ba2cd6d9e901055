"""With real PostgreSQL, Redis and a Celery worker: a worker outage loses nothing."""

import time

import pytest
from kombu.exceptions import OperationalError

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


def _use_broker(app, url):
    """Point the web side's producers at ``url`` (None: the configured broker again)."""
    app.connection_for_write = (
        (lambda *args, **kwargs: app._connection(url)) if url else type(app).connection_for_write.__get__(app)
    )
    app._pool = None
    app.amqp._producer_pool = None


def test_submissions_saved_and_answered_while_the_broker_is_unreachable(celery_worker, client, settings):
    """The broker itself down (nothing listens where the web process sends): the young
    person is answered, the row waits, and the periodic sweep queues it once it is back."""
    from campaign.stories import tasks
    from sid.celery import app

    # A fresh worker: one kept from an earlier test caches content type ids of a flushed database.
    celery_worker.stop()
    celery_worker.start()
    tree = build_site_tree()
    section = add_story_sections(tree)["eu"]
    _use_broker(app, "redis://127.0.0.1:1/0")  # a closed port: connection refused
    try:
        response = client.post(
            submit_url(section),
            {**story_data(title="Sent while the broker was down"), "picture": upload("photo_with_gps.jpg")},
        )
        assert response.status_code == 302
        assert "Thank you" in client.get(response["Location"]).content.decode()
        assert list(Submission.objects.values_list("status", flat=True)) == [Submission.Status.RECEIVED]
        with pytest.raises(OperationalError):  # the broker really is unreachable
            tasks.process_submission.delay(0)
        settings.STORIES_STUCK_AFTER_MINUTES = 0
        # Its work waits in the outbox: the stories' own sweep adds nothing (and survives the outage).
        assert tasks.requeue_stuck_submissions() == 0
        assert Submission.objects.get().status == Submission.Status.RECEIVED
    finally:
        _use_broker(app, None)
    from outbox.core import sweep

    assert sweep() == 1  # the outbox's periodic sweep sends what waited
    assert wait_for(lambda: Submission.objects.filter(status=Submission.Status.IN_REVIEW).count() == 1), (
        celery_worker.log()
    )
    assert not Submission.objects.get().page.live
