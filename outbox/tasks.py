"""The outbox's two Celery tasks: run one message, and the periodic sweep."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import connection

from . import core

logger = logging.getLogger("sid.outbox")


@shared_task(name=core.DELIVER, acks_late=True, ignore_result=True)
def deliver(message_id: int) -> str:
    """Run one outbox message's task, once: a duplicate delivery finds it claimed or done.

    The task runs with a stable id (``outbox-<id>``), so work that remembers which job
    started it (a pack build) recognises a re-run of the same message as itself.
    """
    worker = deliver.request.hostname or "eager"
    message = core.claim(message_id, worker, deliver.request.id or "")
    if message is None:
        return "skipped"
    try:
        task = core.registered_task(message.task)
        task.apply(args=message.args, kwargs=message.kwargs, task_id=f"outbox-{message.pk}", throw=True)
    except Exception as error:  # noqa: BLE001 (recorded and retried, whatever it was)
        if not connection.is_usable():
            connection.close()  # the database went away mid-task: a fresh connection
        try:
            core.failed(message, error)
        except Exception:  # noqa: BLE001 (still no database: the lease brings it back)
            logger.exception("Could not record the failure of %s", message)
        if deliver.request.is_eager and _propagate():
            raise
        return "failed"
    return "done" if core.finish_surely(message) else "unrecorded"


def _propagate() -> bool:
    return settings.CELERY_TASK_EAGER_PROPAGATES


@shared_task(name="outbox.sweep", ignore_result=True)
def sweep() -> int:
    """Periodic (beat): send what waits in the outbox."""
    return core.sweep()
