"""The production path works end to end: PostgreSQL, Redis cache, a real worker."""

import uuid

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from sid.celery import ping

pytestmark = pytest.mark.services


@pytest.mark.django_db
def test_database_is_postgresql_with_translated_slug_indexes():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'wagtailcore_page'")
        indexes = {row[0] for row in cursor.fetchall()}
    assert {"sid_page_slug_fr_idx", "sid_page_slug_zh_hans_idx", "sid_page_slug_ar_idx"} <= indexes


def test_cache_is_redis_shared_across_processes():
    key = f"services-test-{uuid.uuid4().hex}"
    cache.set(key, {"value": 42}, timeout=30)
    assert cache.get(key) == {"value": 42}
    # Another client (another process, in production) sees the same entry.
    raw = redis.Redis.from_url(settings.REDIS_URL)
    assert any(key in k.decode() for k in raw.keys(f"*{key}*"))


def test_task_runs_on_a_real_worker_through_redis(celery_worker):
    token = uuid.uuid4().hex
    result = ping.delay(token)
    assert result.get(timeout=30) == {"pong": token}
    assert f"sid.ping[{result.id}]" in celery_worker.log() or result.id in celery_worker.log()


def test_task_queued_while_worker_is_down_runs_when_it_returns(celery_worker):
    celery_worker.stop()
    assert not celery_worker.alive
    result = ping.delay("queued")
    assert result.state == "PENDING"
    celery_worker.start()
    assert result.get(timeout=30) == {"pong": "queued"}
