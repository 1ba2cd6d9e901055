"""The project's Celery app.

Configuration comes from Django settings (``CELERY_*``). With no broker configured the
settings make tasks run eagerly, in-process, so the embedded default needs nothing
installed. Enqueue with ``task.delay_on_commit(...)`` so a message only reaches the
broker once the rows it refers to are committed (see ../shared/STACK-NOTES.md).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sid.settings.dev")

app = Celery("sid")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="sid.ping")
def ping(value=None):
    """A trivial task used by the services tests and health checks."""
    return {"pong": value}
