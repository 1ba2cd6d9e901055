"""The outbox on the embedded default (tasks in-process): saved with the request's
transaction, run once, retried after a failure, taken over after a lost worker."""

from datetime import timedelta

import pytest
from celery import shared_task
from django.db import transaction
from django.utils import timezone

from outbox import core, enqueue
from outbox.models import OutboxMessage
from outbox.tasks import deliver

pytestmark = pytest.mark.django_db(transaction=True)
State = OutboxMessage.State
RUNS: list = []


@shared_task(name="tests.faults.record")
def record(value, fail=False):
    RUNS.append(value)
    if fail:
        raise RuntimeError("the mail server said no")
    return value


def atomic_enqueue(task, *args, **kwargs):
    """As every caller does: the message in a transaction of its own, sent on commit."""
    with transaction.atomic():
        return enqueue(task, *args, **kwargs)


@pytest.fixture(autouse=True)
def _fresh():
    RUNS.clear()
    yield
    RUNS.clear()


def test_work_is_written_with_the_transaction_and_runs_after_commit():
    with transaction.atomic():
        message = enqueue(record, "story-1")
        assert RUNS == []  # not before the commit
        assert OutboxMessage.objects.get(pk=message.pk).state == State.PENDING
    assert RUNS == ["story-1"]
    assert OutboxMessage.objects.get(pk=message.pk).state == State.DONE


def test_rolled_back_work_is_neither_saved_nor_run():
    with pytest.raises(ValueError), transaction.atomic():
        enqueue(record, "never")
        raise ValueError
    assert RUNS == [] and not OutboxMessage.objects.exists()


def test_a_message_delivered_twice_runs_once():
    message = atomic_enqueue(record, "once")
    assert RUNS == ["once"]
    assert deliver.apply(args=[message.pk]).get() == "skipped"
    assert RUNS == ["once"]


def test_a_failed_run_is_retried_later_and_given_up_after_the_maximum(settings):
    settings.CELERY_TASK_EAGER_PROPAGATES = False
    settings.SID_OUTBOX_MAX_ATTEMPTS = 2
    message = atomic_enqueue(record, "flaky", fail=True)
    message.refresh_from_db()
    assert message.state == State.PENDING and message.attempts == 1
    assert "mail server said no" in message.error
    assert message.available_at > timezone.now()  # back-off
    assert core.sweep() == 0  # not yet due
    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
    assert core.sweep() == 1
    message.refresh_from_db()
    assert message.state == State.FAILED and message.attempts == 2
    assert RUNS == ["flaky", "flaky"]


def test_a_restarted_worker_takes_over_what_it_was_running():
    with transaction.atomic():
        message = enqueue(record, "interrupted")
        # the worker "w1" claimed it and died mid-run
        OutboxMessage.objects.filter(pk=message.pk).update(
            state=State.RUNNING, worker="w1@host", delivery="d1", started_at=timezone.now()
        )
    RUNS.clear()
    OutboxMessage.objects.filter(pk=message.pk).update(state=State.RUNNING, worker="w1@host", delivery="d1")
    assert core.claim(message.pk, "w2@host", "d2") is None  # running elsewhere, lease active
    assert core.take_over("w2@host") == 0  # not its work
    assert core.take_over("w1@host") == 1
    assert core.sweep() == 1
    assert RUNS == ["interrupted"]
    assert OutboxMessage.objects.get(pk=message.pk).state == State.DONE


def test_a_run_presumed_lost_after_the_lease_is_sent_again(settings):
    message = atomic_enqueue(record, "lost")
    RUNS.clear()
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.RUNNING,
        worker="gone@host",
        started_at=timezone.now() - timedelta(seconds=settings.SID_TASK_LEASE_SECONDS + 1),
    )
    assert core.sweep() == 1
    assert RUNS == ["lost"]


def test_the_broker_down_leaves_the_work_waiting_and_the_request_answered(settings, monkeypatch):
    from kombu.exceptions import OperationalError

    settings.CELERY_TASK_ALWAYS_EAGER = False
    calls = []

    def refused(*args, **kwargs):
        calls.append(args)
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(deliver, "apply_async", refused)
    monkeypatch.setitem(core._broker, "down_until", 0.0)
    first = atomic_enqueue(record, "a")  # sent on commit, refused
    second = atomic_enqueue(record, "b")  # not even tried: the broker is left alone for a while
    assert len(calls) == 1
    assert set(OutboxMessage.objects.values_list("state", flat=True)) == {State.PENDING}
    assert {first.pk, second.pk} == set(core.due_messages().values_list("pk", flat=True))
    monkeypatch.setitem(core._broker, "down_until", 0.0)
    monkeypatch.setitem(core._broker, "since", None)


# -- the transaction gate --------------------------------------------------------------
def test_enqueue_outside_a_transaction_is_refused_where_the_rule_is_enforced():
    with pytest.raises(core.OutsideTransaction):
        enqueue(record, "loose")
    assert RUNS == [] and not OutboxMessage.objects.exists()


def test_in_production_a_loose_enqueue_is_logged_and_still_recorded(settings, caplog):
    settings.SID_OUTBOX_REQUIRE_TRANSACTION = False
    with caplog.at_level("ERROR", logger="sid.outbox"):
        message = enqueue(record, "loose")
    assert "outside transaction.atomic" in caplog.text
    assert RUNS == ["loose"]  # nothing a person sent is lost for a programming mistake
    assert OutboxMessage.objects.get(pk=message.pk).state == State.DONE


# -- finishing survives a database that is briefly away ---------------------------------
def test_a_finish_that_fails_twice_is_retried_and_the_task_runs_once(monkeypatch):
    from django.db import OperationalError

    monkeypatch.setattr(core, "FINISH_RETRY_PAUSES", (0, 0, 0))
    real_finish, failures = core.finish, []

    def flaky_finish(message):
        if len(failures) < 2:
            failures.append(message.pk)
            raise OperationalError("server closed the connection unexpectedly")
        real_finish(message)

    monkeypatch.setattr(core, "finish", flaky_finish)
    message = atomic_enqueue(record, "once-only")
    assert len(failures) == 2
    assert OutboxMessage.objects.get(pk=message.pk).state == State.DONE
    assert deliver.apply(args=[message.pk]).get() == "skipped"
    assert RUNS == ["once-only"]


def test_a_finish_that_never_succeeds_leaves_the_message_to_its_lease(monkeypatch, settings):
    from django.db import OperationalError

    monkeypatch.setattr(core, "FINISH_RETRY_PAUSES", (0, 0))

    def down(message):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(core, "finish", down)
    message = atomic_enqueue(record, "unrecorded")
    assert RUNS == ["unrecorded"]
    stored = OutboxMessage.objects.get(pk=message.pk)
    assert stored.state == State.RUNNING  # the lease brings it back, as after a crash
    assert message.pk not in core.due_messages().values_list("pk", flat=True)
    lease_over = timezone.now() - timedelta(seconds=settings.SID_TASK_LEASE_SECONDS + 1)
    OutboxMessage.objects.filter(pk=message.pk).update(started_at=lease_over)
    assert message.pk in core.due_messages().values_list("pk", flat=True)
