"""`make run`'s SQLite with two writers at once: a web save waits for the worker's write instead of failing.

SQLite lets one connection write at a time. A transaction begun the deferred way reads first and asks for
the write lock later; when another process holds it, SQLite answers "database is locked" at once rather
than wait (waiting could deadlock). The embedded default begins every transaction IMMEDIATE, with a busy
timeout, so the second writer queues behind the first.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support.processes import ROOT, stop, wait_for
from tests.support.smtp import free_port
from tests.support.web import Browser, server_answers

SETUP = """
import django; django.setup()
from django.conf import settings
from django.test import Client
from tests.committees.factories import TaskCommitteeFactory
from tests.factories import UserFactory
committee = TaskCommitteeFactory(mandate__title="Trafik omkring skolerne", mandate__slug="trafik")
citizen = UserFactory(email="ida@example.dk", full_name="Ida Jensen")
client = Client()
client.force_login(citizen)
print(client.cookies[settings.SESSION_COOKIE_NAME].value)
"""

# What the worker does while it sends the demo's mail: it writes in a transaction that lasts a while.
WORKER_WRITES = """
import sys, time
import django; django.setup()
from django.db import transaction
from accounts.models import User
with transaction.atomic():
    User.objects.filter(email="ida@example.dk").update(full_name="Ida Jensen (worker)")
    open(sys.argv[1], "w").close()
    time.sleep(3)
"""

BOTH_WRITES = """
import django; django.setup()
from accounts.models import User
from committees.models import Follower
print(User.objects.get(email="ida@example.dk").full_name)
print(Follower.objects.filter(user__email="ida@example.dk", committee__mandate__slug="trafik").count())
"""


@pytest.fixture
def embedded(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_URL": f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}",
        "REDIS_URL": "",
        "OUTBOX_KICK_ON_COMMIT": "false",
        "PYTHONUNBUFFERED": "1",
    }
    return env


def python(env, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True, timeout=180
    )
    return done.stdout.strip()


def test_a_web_save_waits_for_the_workers_write_on_the_embedded_sqlite(embedded, tmp_path):
    env = embedded
    python(env, "manage.py", "migrate", "--noinput")
    session = python(env, "-c", SETUP).splitlines()[-1]
    port = free_port()
    log = (tmp_path / "web.log").open("w")
    web = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "--threads", "2"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker = None
    try:
        wait_for(lambda: server_answers(port), timeout=60, what="gunicorn to answer")
        visitor = Browser(port, language="da")
        visitor.cookies["sessionid"] = session
        assert visitor.get("/committees/trafik/").status == 200  # the CSRF cookie, as a browser gets it

        writing = tmp_path / "worker-is-writing"
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER_WRITES, str(writing)], cwd=ROOT, env=env, start_new_session=True
        )
        wait_for(writing.exists, timeout=60, what="the worker to begin its write")
        assert worker.poll() is None, "the worker's transaction ended before the save was sent"
        answer = visitor.post("/committees/trafik/follow/", {})

        assert answer.status == 302, (answer.status, answer.text[-2000:])
        assert worker.wait(timeout=30) == 0
        assert python(env, "-c", BOTH_WRITES).splitlines() == ["Ida Jensen (worker)", "1"]
    finally:
        if worker is not None:
            stop(worker)
        stop(web)
        log.close()
