"""Probes for the load balancer (outside the language prefix, never redirected).

- ``/healthz``: the process answers (no database, no cache, no broker touched).
- ``/readyz``: 200 while the database answers, 503 when it does not. The cache and the
  broker are reported, never fatal: without them the site still serves pages and saves
  submissions ("degraded"), so the load balancer must keep sending visitors.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from outbox.models import OutboxMessage
from sid.celery import app


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 (any failure means "not ready")
        connection.close()
        return "unavailable"
    return "ok"


def _check_cache() -> str:
    ping = getattr(cache, "ping", None)
    if ping is None:
        return "local"  # the embedded default: per-process memory
    return "ok" if ping() else "degraded"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    except Exception:  # noqa: BLE001 (reported, never fatal)
        return "degraded"
    return "ok"


def _outbox_waiting() -> int | None:
    try:
        return OutboxMessage.objects.filter(state__in=[OutboxMessage.State.PENDING, OutboxMessage.State.QUEUED]).count()
    except Exception:  # noqa: BLE001
        return None


@never_cache
def readyz(request):
    started = time.monotonic()
    database = _check_database()
    checks = {"database": database, "cache": _check_cache(), "broker": _check_broker()}
    if database == "ok":
        checks["outbox_waiting"] = _outbox_waiting()
    degraded = checks["cache"] == "degraded" or checks["broker"] == "degraded"
    status = "unavailable" if database != "ok" else ("degraded" if degraded else "ok")
    body = {"status": status, "checks": checks, "seconds": round(time.monotonic() - started, 3)}
    return JsonResponse(body, status=503 if database != "ok" else 200)
