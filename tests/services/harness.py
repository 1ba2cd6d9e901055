"""The production path: PostgreSQL, Redis as cache and broker, a real Celery worker.

These tests run with ``make test-services`` (``pytest -m services``), which sets
DATABASE_URL and REDIS_URL. They fail loudly, never skip, when the services are missing.

``celery_worker`` starts ``celery -A sid worker`` as a subprocess pointed at the *test*
database, so tests that hand work to it must commit their data (``transactional_db``).
The handle can stop, start and kill the worker to test outages and crashes.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection


def _fail_unless_services():
    problems = []
    if connection.vendor != "postgresql":
        problems.append(f"the database is {connection.vendor}, not PostgreSQL (set DATABASE_URL)")
    if not settings.REDIS_URL:
        problems.append("REDIS_URL is not set")
    if settings.CELERY_TASK_ALWAYS_EAGER:
        problems.append("Celery is eager (no broker configured)")
    if problems:
        pytest.fail("Services tests need real services: " + "; ".join(problems) + ". Run `make test-services`.")


@pytest.fixture(autouse=True)
def _require_services(request):
    if request.node.get_closest_marker("services"):
        _fail_unless_services()
        _clear_cache_entries()


def _clear_cache_entries():
    """Each test's database starts empty, but Redis outlives it: drop the cache's own keys
    (not the broker's queues, which share the Redis database) so no test reads another's."""
    import redis

    prefix = settings.CACHES["default"].get("KEY_PREFIX", "")
    client = redis.Redis.from_url(settings.REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*")) if prefix else []
    if keys:
        client.delete(*keys)


class WorkerProcess:
    """A Celery worker subprocess with its own log file."""

    def __init__(self, env: dict[str, str], beat: bool = False):
        self.env = env
        self.beat = beat
        self.process: subprocess.Popen | None = None
        self.log_path = Path(tempfile.mkstemp(prefix="sid-celery-", suffix=".log")[1])
        self.name = f"sid-test-{uuid.uuid4().hex[:8]}@%h"

    def start(self, timeout: float = 60) -> None:
        self._log_start = len(self.log_path.read_text(errors="replace"))
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 (fixed argv, our own interpreter)
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "sid",
                "worker",
                "--loglevel=INFO",
                "--concurrency=2",
                "-n",
                self.name,
                "--without-gossip",
                "--without-mingle",
                *(["--beat", "--schedule", str(self.log_path.with_suffix(".beat"))] if self.beat else []),
            ],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> None:
        """Until this start's "<name> ready." line (read from the log, not through a
        broker: a fault test's worker uses its own)."""
        prefix = self.name.split("@")[0] + "@"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Celery worker exited with {self.process.returncode}:\n{self.log()}")
            recent = self.log_path.read_text(errors="replace")[self._log_start :]
            if any(prefix in line and line.rstrip().endswith(" ready.") for line in recent.splitlines()):
                return
            time.sleep(0.25)
        raise RuntimeError(f"Celery worker did not answer within {timeout}s:\n{self.log()}")

    def stop(self, timeout: float = 30) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self) -> None:
        """SIGKILL the worker and its pool children at once, as a crash would."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    @property
    def alive(self) -> bool:
        return bool(self.process) and self.process.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-5000:]

    def first_error(self) -> str:
        """What made the worker stop: its first critical line, else the last traceback
        before it shut down (a crash's last 5,000 characters may hide it)."""
        lines = self.log_path.read_text(errors="replace").splitlines()
        critical = [n for n, line in enumerate(lines) if "CRITICAL" in line or "Unrecoverable error" in line]
        tracebacks = [n for n, line in enumerate(lines) if line.startswith("Traceback")]
        if not critical and not tracebacks:
            return "(no error logged)"
        start = critical[0] if critical else tracebacks[-1]
        return "\n".join(lines[max(start - 3, 0) : start + 40])


def _test_database_url() -> str:
    db = connection.settings_dict
    user = db.get("USER") or "postgres"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker(django_db_setup, django_db_blocker):
    _fail_unless_services()
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="sid.settings.test",
        DATABASE_URL=_test_database_url(),
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        STORIES_PRIVATE_ROOT=str(settings.STORIES_PRIVATE_ROOT),
        REDIS_URL=settings.REDIS_URL,
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
    )
    worker = WorkerProcess(env)
    worker.start()
    yield worker
    worker.stop()
