"""A restarted worker takes over the messages its previous process was running."""

from celery.signals import worker_ready


@worker_ready.connect
def take_over_interrupted_work(sender=None, **kwargs):
    from django.db import close_old_connections

    from . import core

    hostname = getattr(sender, "hostname", None)
    if not hostname:
        return
    try:
        if core.take_over(hostname):
            core.sweep()
    finally:
        close_old_connections()
