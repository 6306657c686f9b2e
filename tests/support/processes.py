"""Real processes for the fault tests: a Redis server the test may stop, Celery workers and beat, gunicorn.

Every process gets its own session (process group), so a test can SIGKILL a worker with all it started.
Subprocesses use `config.settings.local` with the environment pointing at the test database that
pytest-django created, the test's own Redis and the test's SMTP sink.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.support.smtp import free_port

ROOT = Path(__file__).resolve().parents[2]


def missing_real_services() -> str:
    """Why the fault tests cannot run here ("" when they can): they need PostgreSQL and redis-server."""
    if connection.vendor != "postgresql":
        return "fault tests need PostgreSQL (set DATABASE_URL=postgres://…)"
    if shutil.which("redis-server") is None:
        return "fault tests need redis-server on PATH"
    return ""


# The marks of every test module that starts real processes: committed data the processes can see,
# the migrations' rows restored afterwards, and a skip with the reason where the services are missing.
NEEDS_REAL_SERVICES = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(bool(missing_real_services()), reason=missing_real_services() or "-"),
]


def wait_for(condition: Callable[[], object], *, timeout: float, what: str, every: float = 0.1):
    """Poll until `condition()` is truthy and return it; fail with `what` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def database_url(*, port: int | None = None) -> str:
    """The test database pytest-django created (test_<name>), optionally through another port."""
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{port or db.get('PORT') or 5432}/{db['NAME']}"


def service_env(*, redis_url: str, smtp_port: int, **overrides: str) -> dict[str, str]:
    """The environment of a worker, beat or web process in these tests."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,  # sessions made by the test process must be valid there
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": "",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "LOG_LEVEL": "INFO",
        "PYTHONUNBUFFERED": "1",
    }
    env.update(overrides)
    return env


class RedisServer:
    """A redis-server of our own, on a free port, without persistence: stopping it loses its queue."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.process = subprocess.Popen(
            [
                *("redis-server", "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.answers, timeout=10, what="redis-server to answer")
        return self

    def answers(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.5).ping())
        except redis.exceptions.ConnectionError:
            return False

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def spawn(args: list[str], *, env: dict[str, str], log: Path) -> subprocess.Popen:
    handle = log.open("ab")
    try:
        return subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
    finally:
        handle.close()


def celery_worker(*, env: dict[str, str], log: Path, name: str) -> subprocess.Popen:
    """One worker in one process (solo pool): a SIGKILL leaves no child sending on."""
    return spawn(
        [
            *(
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool=solo",
                f"--hostname={name}@%h",
            ),
            *("--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"),
        ],
        env=env,
        log=log,
    )


def celery_beat(*, env: dict[str, str], log: Path, schedule: Path) -> subprocess.Popen:
    """The real beat, with the outbox tick every second instead of every minute (tests/support/fast_beat)."""
    return spawn(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "tests.support.fast_beat",
            "beat",
            "--loglevel=INFO",
            "-s",
            str(schedule),
        ],
        env=env,
        log=log,
    )


def gunicorn(*, env: dict[str, str], log: Path, port: int) -> subprocess.Popen:
    """The site as production serves it: gunicorn with threads, DEBUG off."""
    return spawn(
        [
            *(sys.executable, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}"),
            *("--workers", "1", "--threads", "8", "--timeout", "60", "--graceful-timeout", "5"),
        ],
        env=env,
        log=log,
    )


def worker_ready(log: Path) -> bool:
    return log.exists() and " ready." in log.read_text(errors="replace")


def count_in(log: Path, text: str) -> int:
    return log.read_text(errors="replace").count(text) if log.exists() else 0


def signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signum)


def kill(process: subprocess.Popen) -> None:
    """SIGKILL the process and everything in its group, as the kernel's OOM killer or a power cut would."""
    signal_group(process, signal.SIGKILL)
    process.wait(timeout=10)


def stop(process: subprocess.Popen, *, timeout: float = 10) -> None:
    """A clean stop (SIGTERM to the group), then SIGKILL if it does not go."""
    if process.poll() is not None:
        return
    signal_group(process, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill(process)


def tail(log: Path, chars: int = 3000) -> str:
    return log.read_text(errors="replace")[-chars:] if log.exists() else "(no log)"


def send_tasks(broker_url: str, *names: str) -> None:
    """Queue tasks by name, as the beat does, from the test process (whose own Celery runs eagerly)."""
    from celery import Celery

    sender = Celery("test-sender", broker=broker_url, set_as_current=False)  # ours stays the current app
    try:
        for name in names:
            sender.send_task(name)
    finally:
        sender.close()


def task_results(log: Path, name: str) -> list[str]:
    """What each finished run of task `name` returned, as the worker logged it."""
    pattern = re.compile(rf"Task {re.escape(name)}\[[^\]]+\] succeeded in [\d.e-]+s: (.*)$", re.MULTILINE)
    return pattern.findall(log.read_text(errors="replace")) if log.exists() else []
