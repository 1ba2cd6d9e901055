"""The project's Celery app.

Configuration comes from Django settings (``CELERY_*``). With no broker configured the
settings make tasks run eagerly, in-process, so the embedded default needs nothing
installed. Enqueue with ``outbox.enqueue(task, *args)``: the work is saved in the request's
transaction and reaches the broker once it commits, or later if the broker is down.
"""

import os

from celery import Celery
from celery.signals import task_postrun, task_prerun
from django.conf import settings
from django.utils import translation

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings.dev")

app = Celery("sid")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


_languages_before: dict[str, str | None] = {}


@task_prerun.connect
def start_each_task_in_the_default_language(task_id=None, **kwargs):
    """A worker process runs many tasks; one that activates a language (an email in
    Spanish) must not leave it active for the next, which would then read and write the
    wrong translated columns. Eager tasks run inside a request: restore its language after."""
    _languages_before[task_id] = translation.get_language()
    translation.activate(settings.LANGUAGE_CODE)


@task_postrun.connect
def restore_the_language_after_each_task(task_id=None, **kwargs):
    previous = _languages_before.pop(task_id, None)
    if previous:
        translation.activate(previous)
    else:
        translation.deactivate()


@app.task(name="sid.ping", ignore_result=False)
def ping(value=None):
    """A trivial task used by the services tests and health checks."""
    return {"pong": value}
