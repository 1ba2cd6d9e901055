"""Services the fault tests break on purpose: each test starts its OWN Redis server on a
free port (never the machine's shared one), and stops, pauses or slows only that one.

``SiteProcess`` serves the site with gunicorn (the production server) against the test
database and a given Redis, so a fault hits exactly what a visitor's request goes through.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from django.conf import settings


def free_port(start: int = 6390) -> int:
    """A TCP port nobody listens on, from ``start`` upwards."""
    for port in range(start, start + 500):
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port")


class RedisServer:
    """A private ``redis-server`` subprocess: start, stop, pause (SIGSTOP), slow, flush."""

    def __init__(self, port: int | None = None):
        self.binary = shutil.which("redis-server")
        if not self.binary:
            pytest.fail("redis-server is not installed (Debian package redis-server)")
        self.port = port or free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="sid-redis-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self, **options):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5, **options)

    def start(self, timeout: float = 10) -> None:
        self.process = subprocess.Popen(  # noqa: S603 (fixed argv)
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.dir),
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return
            except Exception:  # noqa: BLE001 (not up yet)
                time.sleep(0.05)
        raise RuntimeError(f"redis-server on port {self.port} did not start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.resume()
            self.process.send_signal(signal.SIGKILL)  # as a crash: nothing flushed, nothing said
            self.process.wait(10)

    def pause(self) -> None:
        """The server hangs: connections are accepted by the kernel, nothing answers."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGCONT)

    def flush(self) -> None:
        self.client().flushall()

    @property
    def alive(self) -> bool:
        return bool(self.process) and self.process.poll() is None

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


def site_environment(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="sid.settings.test",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(settings.MEDIA_ROOT),
        STORIES_PRIVATE_ROOT=str(settings.STORIES_PRIVATE_ROOT),
        REDIS_URL=redis_url,
        CELERY_BROKER_URL=redis_url,
        CELERY_RESULT_BACKEND="",
        PYTHONUNBUFFERED="1",
        # The drills send a teacher's pack request every few requests while the broker or Redis
        # is down, so builds wait in the outbox; past the site-wide build budget (8 waiting) the
        # site answers its designed "busy, your selection is kept" 503 (tested on its own in
        # tests/library/test_packs.py::TestSiteWideBuildBudget). Here the budget is out of the
        # way so the drills measure what the service faults do to what people send.
        SID_PACK_MAX_BUILDS_IN_PROGRESS="100000",
        SID_PACK_MAX_BUILDS_PER_HOUR="100000",
    )
    env.update(extra)
    return env


class SiteProcess:
    """gunicorn serving ``sid.wsgi`` on a free port, with its own log."""

    def __init__(self, env: dict[str, str], workers: int = 2):
        self.env = env
        self.workers = workers
        self.port = free_port(8790)
        self.process: subprocess.Popen | None = None
        self.log_path = Path(tempfile.mkstemp(prefix="sid-gunicorn-", suffix=".log")[1])

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        import requests

        log = self.log_path.open("ab")
        self.process = subprocess.Popen(  # noqa: S603 (fixed argv, our own interpreter)
            [
                sys.executable,
                "-m",
                "gunicorn",
                "sid.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
            cwd=settings.BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}:\n{self.log()}")
            try:
                if requests.get(self.base + "/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer within {timeout}s:\n{self.log()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-8000:]
