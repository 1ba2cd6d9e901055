"""The cache backend itself against a Redis server this test starts, stops and blocks:
every call answers (from local memory when Redis cannot), within the timeouts set."""

import logging
import time
import uuid

import pytest
from django.test import RequestFactory
from django_ratelimit.core import get_usage

from sid.cache import ResilientRedisCache

from .faults import RedisServer

pytestmark = pytest.mark.services


def make_cache(redis: RedisServer, **options) -> ResilientRedisCache:
    return ResilientRedisCache(
        redis.url,
        {
            "KEY_PREFIX": f"t{uuid.uuid4().hex[:6]}",
            "OPTIONS": {
                "socket_connect_timeout": 0.3,
                "socket_timeout": 0.3,
                "RETRY_AFTER": 1,
                "LOCAL_FALLBACK_MAX_SECONDS": 60,
                "LOCAL_FULL_TIMEOUT_PREFIXES": ("rl:",),
            }
            | options,
        },
    )


@pytest.fixture
def redis_server():
    with RedisServer() as server:
        yield server


def test_redis_down_every_call_answers_locally_and_is_logged_once_per_interval(redis_server, caplog):
    cache = make_cache(redis_server)
    cache.set("kept", "in redis")
    assert cache.get("kept") == "in redis"
    redis_server.stop()
    caplog.set_level(logging.WARNING, logger="sid.cache")
    started = time.monotonic()
    for number in range(50):
        assert cache.get("kept") is None  # a miss, never an exception
        cache.set(f"k{number}", number)
        assert cache.get(f"k{number}") == number  # served from local memory
        assert cache.add(f"a{number}", 1) is True
        assert cache.incr(f"a{number}") == 2
        cache.delete(f"k{number}")
        assert cache.get_many([f"a{number}"]) == {f"a{number}": 2}
    elapsed = time.monotonic() - started
    # One connection attempt per RETRY_AFTER (1s), not one per call (300 calls).
    assert elapsed < 3, elapsed
    warnings = [r for r in caplog.records if r.name == "sid.cache"]
    assert 1 <= len(warnings) <= 1 + int(elapsed) + 1, [r.getMessage() for r in warnings]
    assert "unavailable" in warnings[0].getMessage()


def test_redis_blocked_calls_time_out_in_a_few_hundred_ms(redis_server):
    cache = make_cache(redis_server)
    cache.set("kept", "value")
    redis_server.pause()  # SIGSTOP: the kernel accepts connections, nothing answers
    try:
        started = time.monotonic()
        assert cache.get("kept") is None
        first = time.monotonic() - started
        assert first < 1.0, first  # socket_timeout 0.3s, not redis-py's "wait forever"
        started = time.monotonic()
        for _ in range(100):
            cache.get("kept")
        assert time.monotonic() - started < 0.5  # Redis left alone until RETRY_AFTER
    finally:
        redis_server.resume()
    time.sleep(1.1)
    assert cache.get("kept") == "value"  # back to Redis after the interval


def test_redis_flushed_is_a_miss_and_counters_start_again(redis_server):
    cache = make_cache(redis_server)
    cache.set("kept", "value")
    cache.add("rl:count", 5)
    redis_server.flush()
    assert cache.get("kept") is None
    with pytest.raises(ValueError):  # Django's contract while Redis answers: no such counter
        cache.incr("rl:count")
    assert cache.add("rl:count", 1) is True


def test_local_copies_are_short_except_rate_limit_windows(redis_server):
    cache = make_cache(redis_server)
    redis_server.stop()
    cache.set("page", "x", 3600)
    cache.add("rl:window", 1, 3600)
    page_expiry = cache.local._expire_info[cache.local.make_key("page")]
    window_expiry = cache.local._expire_info[cache.local.make_key("rl:window")]
    assert page_expiry - time.time() <= 61
    assert window_expiry - time.time() > 3500


def test_rate_limit_with_redis_down_is_a_per_process_limit(redis_server, settings):
    """Neither refusing everyone (django-ratelimit's fail-closed answer to a broken cache)
    nor letting everyone through: the limit is counted in this process."""
    settings.CACHES = {
        "default": {
            "BACKEND": "sid.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": f"t{uuid.uuid4().hex[:6]}",
            "OPTIONS": {"RETRY_AFTER": 1, "LOCAL_FULL_TIMEOUT_PREFIXES": ("rl:",)},
        }
    }
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")

    def attempt():
        usage = get_usage(request, group="faults", key="ip", rate="5/h", method="POST", increment=True)
        return usage["should_limit"]

    assert [attempt() for _ in range(3)] == [False, False, False]  # counted in Redis
    redis_server.stop()
    outcomes = [attempt() for _ in range(8)]
    # Redis' count is out of reach: this process counts from one, and stops at the limit.
    assert outcomes == [False] * 5 + [True] * 3
    other = RequestFactory().post("/", REMOTE_ADDR="198.51.100.7")
    usage = get_usage(other, group="faults", key="ip", rate="5/h", method="POST", increment=True)
    assert not usage["should_limit"]  # another visitor is not refused
