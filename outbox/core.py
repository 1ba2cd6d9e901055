"""Writing, sending, claiming and finishing outbox messages (see the package docstring)."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from celery import current_app
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger("sid.outbox")
State = OutboxMessage.State
#: The outbox's own task (outbox.tasks.deliver), which runs one message.
DELIVER = "outbox.deliver"

# A broker that refused one message is left alone this long by this process: requests do
# not each wait for a connection timeout while it is down; the sweep sends what waits.
_broker = {"down_until": 0.0, "since": None}
_broker_lock = threading.Lock()


def _broker_errors():
    # Imported here: kombu and redis are only needed once a message goes to a broker, and
    # redis is optional (the embedded default has no broker).
    from kombu.exceptions import KombuError, OperationalError

    errors: tuple = (KombuError, OperationalError, OSError, EOFError)
    try:
        from redis.exceptions import RedisError

        errors += (RedisError,)
    except ImportError:  # pragma: no cover
        pass
    return errors


def task_lease() -> timedelta:
    """How long a claimed message may run before it is presumed lost (its worker died)."""
    return timedelta(seconds=settings.SID_TASK_LEASE_SECONDS)


class OutsideTransaction(RuntimeError):
    """``enqueue`` was called with no transaction open (see ``enqueue``)."""


def in_transaction(using: str | None = None) -> bool:
    """True inside an ``atomic`` block of the code itself (a test case's own wrapping
    transaction does not count: in production there is none)."""
    conn = transaction.get_connection(using)
    if not conn.in_atomic_block:
        return False
    return any(not getattr(block, "_from_testcase", False) for block in conn.atomic_blocks)


def registered_task(name: str):
    """The Celery task registered under ``name``.

    Services queue work by name and never import a task module, so a web process may not
    have imported the module yet: the apps' task modules are loaded then (what a worker
    does when it starts). An unknown name raises ``LookupError``.
    """
    tasks = current_app.tasks
    if name not in tasks:
        current_app.loader.import_default_modules()
    try:
        return tasks[name]
    except KeyError:
        raise LookupError(f"No Celery task is registered as {name!r}") from None


def enqueue(task, *args, **kwargs) -> OutboxMessage:
    """Record ``task(*args, **kwargs)`` in the current transaction; send it after commit.

    ``task`` is a registered task name (``"campaign.packs.tasks.build_pack"``): services
    queue by name and never import task modules (docs/architecture.md, "Layers and
    gates"); a task object is accepted from other tasks. The name is checked at once.
    Arguments must be JSON values.

    The caller holds the transaction that writes what the task will read (``atomic``): the
    record and its message are committed together or not at all, so work is never lost
    between the two and never sent for something that was rolled back. Called outside one,
    the message is still recorded (nothing is lost) and the mistake logged; under
    ``SID_OUTBOX_REQUIRE_TRANSACTION`` (the test settings) it raises ``OutsideTransaction``,
    so every path the tests walk is held to the rule.
    """
    name = task if isinstance(task, str) else task.name
    registered_task(name)
    if not in_transaction():
        if settings.SID_OUTBOX_REQUIRE_TRANSACTION:
            raise OutsideTransaction(f"outbox.enqueue({name}) outside transaction.atomic")
        logger.error("outbox.enqueue(%s) called outside transaction.atomic", name)
    message = OutboxMessage.objects.create(task=name, args=list(args), kwargs=kwargs)
    # robust: nothing that happens after the commit may fail the request that committed.
    transaction.on_commit(lambda: send(message.pk), robust=True)
    return message


def broker_available() -> bool:
    return time.monotonic() >= _broker["down_until"]


def send(message_id: int, force: bool = False) -> bool:
    """Hand one message to the broker. False (and the row left waiting) if it is down.

    After a refusal, requests do not try again for SID_BROKER_RETRY_AFTER seconds; the
    sweep (``force``) always tries."""
    deliver = registered_task(DELIVER)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        # No broker (the embedded default): run it now, in this process, as Celery would.
        deliver.apply(args=[message_id], throw=settings.CELERY_TASK_EAGER_PROPAGATES)
        return True
    if not force and not broker_available():
        return False
    try:
        # retry=False: kombu would otherwise retry the publish while the visitor waits.
        deliver.apply_async(args=[message_id], retry=False)
    except _broker_errors() as error:
        _broker_failed(error)
        return False
    _broker_back()
    OutboxMessage.objects.filter(pk=message_id, state=State.PENDING).update(
        state=State.QUEUED, queued_at=timezone.now()
    )
    return True


def _broker_failed(error: Exception) -> None:
    with _broker_lock:
        now = time.monotonic()
        first = _broker["since"] is None
        if first:
            _broker["since"] = now
        _broker["down_until"] = now + settings.SID_BROKER_RETRY_AFTER
    logger.warning(
        "Broker unavailable (%s: %s); background work waits in the outbox, retrying in %ss%s",
        type(error).__name__,
        error,
        settings.SID_BROKER_RETRY_AFTER,
        "" if first else f" (down {now - _broker['since']:.0f}s)",
    )


def _broker_back() -> None:
    if _broker["since"] is not None:
        with _broker_lock:
            since, _broker["since"], _broker["down_until"] = _broker["since"], None, 0.0
        if since is not None:
            logger.warning("Broker available again after %.0fs", time.monotonic() - since)


def due_messages():
    """Messages that should be (re)sent now: never sent, sent but never started (the broker
    lost them), or started by a worker that has been silent longer than the lease."""
    now = timezone.now()
    return OutboxMessage.objects.filter(
        Q(state=State.PENDING, available_at__lte=now)
        | Q(state=State.QUEUED, queued_at__lt=now - timedelta(seconds=settings.SID_OUTBOX_REQUEUE_AFTER))
        | Q(state=State.RUNNING, started_at__lt=now - task_lease())
    )


def sweep(limit: int = 500) -> int:
    """Send what is due; stop at the first broker failure. Returns the number sent."""
    sent = 0
    for message_id in due_messages().order_by("available_at").values_list("pk", flat=True)[:limit]:
        if not send(message_id, force=True):
            break
        sent += 1
    return sent


def claim(message_id: int, worker: str, delivery: str) -> OutboxMessage | None:
    """Mark the message running for ``worker``; None if it is done, failed or running
    elsewhere (a duplicate sent by the sweep).

    A running message is taken over when its lease has expired, or when the broker hands
    over the very delivery that claimed it (its worker process died and Celery rejected
    the message back to the queue)."""
    now = timezone.now()
    claimable = (
        Q(state__in=[State.PENDING, State.QUEUED])
        | Q(state=State.RUNNING, started_at__lt=now - task_lease())
        | Q(state=State.RUNNING, delivery=delivery)
    )
    updated = OutboxMessage.objects.filter(claimable, pk=message_id).update(
        state=State.RUNNING, started_at=now, worker=worker[:200], delivery=delivery[:200], attempts=F("attempts") + 1
    )
    if not updated:
        return None
    return OutboxMessage.objects.get(pk=message_id)


def finish(message: OutboxMessage) -> None:
    OutboxMessage.objects.filter(pk=message.pk, state=State.RUNNING).update(
        state=State.DONE, finished_at=timezone.now(), error=""
    )


#: Pauses (seconds) between attempts to record a finished task while the database is away.
FINISH_RETRY_PAUSES = (0.2, 1.0, 3.0, 10.0)


def finish_surely(message: OutboxMessage) -> bool:
    """Record that ``message`` ran, retrying while the database is briefly away.

    The task's work is already committed: failing to say so would run it again once the
    lease expires (a second e-mail, a second build). False if the database stayed away
    through every retry; the lease then brings the message back, as after a crash."""
    if connection.in_atomic_block:
        finish(message)  # inside a transaction (tests): a retry could not help
        return True
    for pause in (*FINISH_RETRY_PAUSES, None):
        try:
            finish(message)
            return True
        except DatabaseError as error:
            connection.close()  # a fresh connection on the next attempt
            if pause is None:
                logger.error("Could not record that %s ran (%s); its lease will bring it back", message, error)
                return False
            logger.warning("Could not record that %s ran (%s); retrying in %ss", message, error, pause)
            time.sleep(pause)
    return False


def failed(message: OutboxMessage, error: BaseException) -> None:
    """Try again later (doubling back-off), or give up after SID_OUTBOX_MAX_ATTEMPTS."""
    give_up = message.attempts >= settings.SID_OUTBOX_MAX_ATTEMPTS
    delay = min(settings.SID_OUTBOX_RETRY_SECONDS * 2 ** max(message.attempts - 1, 0), 3600)
    OutboxMessage.objects.filter(pk=message.pk).update(
        state=State.FAILED if give_up else State.PENDING,
        available_at=timezone.now() + timedelta(seconds=delay),
        finished_at=timezone.now() if give_up else None,
        error=f"{type(error).__name__}: {error}"[:2000],
    )
    log = logger.error if give_up else logger.warning
    log("Background task %s failed (attempt %s)%s", message, message.attempts, ", giving up" if give_up else "")


def take_over(worker: str) -> int:
    """A worker starting under ``worker``'s name: what a previous process of that name was
    running when it died is queued again now, not after the lease."""
    ids = list(OutboxMessage.objects.filter(state=State.RUNNING, worker=worker).values_list("pk", flat=True))
    if ids:
        OutboxMessage.objects.filter(pk__in=ids, state=State.RUNNING, worker=worker).update(
            state=State.PENDING, available_at=timezone.now()
        )
        logger.warning("Worker %s restarted: taking over %s interrupted task(s)", worker, len(ids))
    return len(ids)
