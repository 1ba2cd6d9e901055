"""The one way the project hands work to the background: ``outbox.enqueue(task, *args)``.

The work is written to the database in the caller's transaction (an ``OutboxMessage``),
then sent to the broker once that transaction commits. If the broker (or Redis, or a
worker) is away at that moment, the visitor is answered all the same: the row waits, and
the periodic ``outbox.tasks.sweep`` sends it again once the broker is back. A worker runs
each message at most once to completion (``outbox.tasks.deliver`` claims it first), and a
failed or interrupted run is tried again, so an outage delays work and never loses it.
"""


def enqueue(task, *args, **kwargs):
    from .core import enqueue as _enqueue  # core imports the models: apps import this package while loading

    return _enqueue(task, *args, **kwargs)
