"""`make run`'s embedded default with real processes: a Celery worker and beat on the SQLite broker."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support.smtp import SmtpSink

ROOT = Path(__file__).resolve().parents[2]

SCHEDULE = """
import django; django.setup()
from accounts.models import User
from notifications.services import notification_schedule
user = User.objects.create_user("worker.test@example.dk", full_name="Wanda Worker")
notification_schedule(recipient=user, kind="outbox_test", key="embedded-worker")
"""
QUEUE_TICK = """
import django; django.setup()
from notifications.tasks import outbox_dispatch_task
outbox_dispatch_task.delay()
"""


@pytest.fixture
def embedded_env(tmp_path):
    with SmtpSink() as sink:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "CELERY_BROKER_URL": f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}",
            "REDIS_URL": "",
            "EMAIL_URL": f"smtp://127.0.0.1:{sink.port}",
            "OUTBOX_KICK_ON_COMMIT": "false",
        }
        yield env, sink


def run(env, *args: str) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True, timeout=120)


def test_a_real_worker_and_beat_on_the_sqlite_broker_send_a_queued_message_once(embedded_env, tmp_path):
    env, sink = embedded_env
    run(env, "manage.py", "migrate", "--noinput")
    run(env, "-c", SCHEDULE)
    celery = [sys.executable, "-m", "celery", "-A", "config"]
    worker = subprocess.Popen(
        [*celery, "worker", "--concurrency=1", "--loglevel=INFO"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    beat = subprocess.Popen(
        [*celery, "beat", "--loglevel=INFO", "-s", str(tmp_path / "beat-schedule")],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        run(env, "-c", QUEUE_TICK)
        deadline = time.monotonic() + 60
        while not sink.messages and time.monotonic() < deadline:
            time.sleep(0.5)
        run(env, "-c", QUEUE_TICK)  # a second tick finds nothing left to send
        time.sleep(3)

        assert worker.poll() is None, worker.stderr.read().decode()[-3000:]
        assert beat.poll() is None, beat.stderr.read().decode()[-3000:]
        assert [m["To"] for m in sink.messages] == ["worker.test@example.dk"]
    finally:
        for process in (worker, beat):
            process.terminate()
        for process in (worker, beat):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
