"""A real cache in front of a real application server, for the services suite and benchmarks.

``AppServer`` runs gunicorn (``sid.wsgi``) on a free port; ``Varnish`` runs Debian's
``varnishd`` on another free port with the repository's ``deploy/varnish/default.vcl``,
only its backend pointed at that application server. Each starts its own process group and
stops only that (never another Varnish on the machine).
"""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    cookies: list[str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def cache(self) -> str:
        return self.headers.get("x-cache", "")


def fetch(port: int, path: str, *, method: str = "GET", headers: dict | None = None, timeout: float = 30) -> Answer:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, headers={"Host": f"127.0.0.1:{port}", **(headers or {})})
        response = connection.getresponse()
        body = response.read()
        return Answer(
            status=response.status,
            headers={name.lower(): value for name, value in response.getheaders()},
            cookies=response.headers.get_all("Set-Cookie") or [],
            body=body,
        )
    finally:
        connection.close()


def _wait_for(port: int, process: subprocess.Popen, log: Path, timeout: float, path: str = "/healthz") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"exited with {process.returncode}:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            fetch(port, path, timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"did not answer on port {port} within {timeout}s:\n{log.read_text(errors='replace')[-4000:]}")


class _Process:
    process: subprocess.Popen | None = None

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(5)


class AppServer(_Process):
    """gunicorn serving ``sid.wsgi`` with the given environment."""

    def __init__(self, env: dict[str, str], workers: int = 2, threads: int = 4):
        self.env = env
        self.workers = workers
        self.threads = threads
        self.port = free_port()
        self.log = Path(tempfile.mkstemp(prefix="sid-gunicorn-", suffix=".log")[1])

    def start(self, timeout: float = 60) -> AppServer:
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
                "--threads",
                str(self.threads),
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _wait_for(self.port, self.process, self.log, timeout)
        return self


class Varnish(_Process):
    """Its own varnishd (own working directory and port) with the repository's VCL."""

    def __init__(self, backend_port: int, memory: str = "128m"):
        self.backend_port = backend_port
        self.memory = memory
        self.port = free_port()
        self.workdir = Path(tempfile.mkdtemp(prefix="sid-varnish-"))
        self.log = self.workdir / "varnishd.log"

    def vcl(self) -> str:
        """The checked-in VCL with only the backend's port changed."""
        text = VCL.read_text()
        if '.port = "8000";' not in text:
            raise RuntimeError(
                "deploy/varnish/default.vcl: the backend port line changed; update tests/traffic/stack.py"
            )
        return text.replace('.port = "8000";', f'.port = "{self.backend_port}";')

    def start(self, timeout: float = 60) -> Varnish:
        vcl_path = self.workdir / "default.vcl"
        vcl_path.write_text(self.vcl())
        self.process = subprocess.Popen(  # noqa: S603 (fixed argv)
            [
                VARNISHD,
                "-F",
                "-j",
                "none",  # no privilege separation: a throwaway instance in a temporary folder
                "-n",
                str(self.workdir / "instance"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-T",
                "none",
                "-f",
                str(vcl_path),
                "-s",
                f"malloc,{self.memory}",
                "-p",
                "ban_lurker_sleep=0.01",
            ],
            stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        _wait_for(self.port, self.process, self.log, timeout)
        return self

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.workdir, ignore_errors=True)
