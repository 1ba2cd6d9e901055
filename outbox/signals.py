"""A restarted worker takes over the messages its previous process was running."""

from celery.signals import worker_ready
from django.db import close_old_connections

from . import core


@worker_ready.connect
def take_over_interrupted_work(sender=None, **kwargs):
    hostname = getattr(sender, "hostname", None)
    if not hostname:
        return
    try:
        if core.take_over(hostname):
            core.sweep()
    finally:
        close_old_connections()
