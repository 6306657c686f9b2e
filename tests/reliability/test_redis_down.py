"""Redis stops while citizens apply and politicians confirm: every action succeeds or fails with a message,
nothing written is lost, and every message goes out once, after Redis is back.

Real processes: gunicorn serving the site with Redis as cache and broker (as in production), a Celery
worker and the beat, our own redis-server which the test stops and starts again (empty: it keeps no
data, so whatever was queued in it is gone), PostgreSQL and an SMTP sink.
"""

from __future__ import annotations

import re
import time
from collections import Counter

from django.urls import reverse

from notifications.emails import message_id
from notifications.models import Notification
from recruitment.models import Application, ApplicationEvent, Placement, Selection
from tests.factories import UserFactory
from tests.recruitment.citizen_factories import answers
from tests.recruitment.factories import ApplicationFactory, RatingFactory, call_with_committee
from tests.recruitment.review_factories import close, politicians
from tests.support.processes import (
    NEEDS_REAL_SERVICES,
    celery_beat,
    celery_worker,
    gunicorn,
    service_env,
    wait_for,
    worker_ready,
)
from tests.support.smtp import SmtpSink, free_port
from tests.support.web import Browser, server_answers

pytestmark = NEEDS_REAL_SERVICES

CITIZENS_WHILE_DOWN = 5
# A page answers in well under a second here; kombu's reconnect loop on a dead broker took six.
SLOW_SECONDS = 4


def closed_call_with_applicants():
    """Two profiles of one seat, six rated applicants: the politicians' confirmation is due."""
    call = close(call_with_committee(profiles=2, seats=1, politicians=1))
    for n, gender in enumerate(["woman", "man", "woman", "man", "woman", "man"]):
        application = ApplicationFactory(call=call, gender=gender, profiles=list(call.mandate.profiles.all()))
        for profile in call.mandate.profiles.all():
            RatingFactory(
                application=application, profile=profile, politician=politicians(call)[0], score=5 - n % 5
            )
    return call


def apply(browser: Browser, call) -> str:
    """Send the application form; return the page it leads to, with its flash message."""
    url, data = reverse("recruitment:apply", args=[call.pk]), answers(call)
    browser.get(url)  # the form, and its CSRF cookie
    started = time.monotonic()
    response = browser.post(url, data)
    took = time.monotonic() - started
    assert response.status == 302, f"apply answered {response.status}: {response.text[:300]}"
    # Queuing the kick must give up on a dead broker at once, not hold the citizen for seconds.
    assert took < SLOW_SECONDS, f"apply took {took:.1f} s"
    return browser.get(response.location).text


def confirm(browser: Browser, call) -> str:
    url = reverse("recruitment:matching", args=[call.pk])
    page = browser.get(url)
    assert page.status == 200, page.text[:300]
    placed = re.findall(r'name="(seat|reserve)" value="(\d+:\d+)"', page.text)
    data = {
        "seat": [value for kind, value in placed if kind == "seat"],
        "reserve": [value for kind, value in placed if kind == "reserve"],
        "rationale": "Bedste match med balance.",
    }
    response = browser.post(url, data)
    assert response.status == 302, f"confirm answered {response.status}: {response.text[:300]}"
    return browser.get(response.location).text


def test_with_redis_stopped_people_still_apply_and_confirm_and_every_message_goes_out_once_it_is_back(
    redis_server, processes
):
    open_call = call_with_committee(profiles=2, meetings=3, politicians=1)
    closed_call = closed_call_with_applicants()
    citizens = [UserFactory(email=f"borger{n}@example.dk") for n in range(1 + CITIZENS_WHILE_DOWN)]
    politician = politicians(closed_call)[0]
    with SmtpSink() as sink:
        env = service_env(redis_url=redis_server.url, smtp_port=sink.port, OUTBOX_KICK_ON_COMMIT="true")
        port = free_port()
        for name, start in (
            ("web", lambda log: gunicorn(env=env, log=log, port=port)),
            ("worker", lambda log: celery_worker(env=env, log=log, name="worker")),
            ("beat", lambda log: celery_beat(env=env, log=log, schedule=log.with_suffix(".db"))),
        ):
            processes.add(start(processes.log(name)), processes.log(name))
        wait_for(lambda: server_answers(port), timeout=30, what="gunicorn to answer")
        wait_for(lambda: worker_ready(processes.log("worker")), timeout=30, what="the worker")

        # Redis is up: the receipt goes out at once (the kick on commit).
        first = apply(Browser(port, user=citizens[0]), open_call)
        assert "Thank you! We have received your application" in first
        wait_for(lambda: len(sink.messages) == 1, timeout=20, what="the first receipt")

        redis_server.stop()
        pages = [apply(Browser(port, user=citizen), open_call) for citizen in citizens[1:]]
        confirmed = confirm(Browser(port, user=politician), closed_call)

        # Everything the people did is in the database, with its messages waiting in the outbox.
        assert all("Thank you! We have received your application" in page for page in pages)
        assert "The selection is confirmed" in confirmed
        assert Application.objects.filter(call=open_call).count() == len(citizens)
        assert ApplicationEvent.objects.filter(application__call=open_call, kind="submitted").count() == len(
            citizens
        )
        assert Selection.objects.filter(call=closed_call).exists()
        assert Placement.objects.filter(selection__call=closed_call, kind="seat").count() == 2
        scheduled = Notification.objects.count()
        waiting = Notification.objects.exclude(state=Notification.State.SENT).count()
        assert waiting == scheduled - 1 and len(sink.messages) == 1

        redis_server.start()  # empty: the queued kicks are gone; the beat's ticks bring the messages
        wait_for(
            lambda: Notification.objects.filter(state=Notification.State.SENT).count() == scheduled,
            timeout=60,
            what="every message to be sent after Redis came back",
        )
        ids = Counter(message["Message-ID"] for message in sink.messages)
    duplicates = sum(count - 1 for count in ids.values())
    lost = scheduled - len(ids)
    print(
        f"\nRedis stopped: scheduled={scheduled} waiting_while_down={waiting} "
        f"sent_rows={Notification.objects.filter(state=Notification.State.SENT).count()} "
        f"received={len(sink.messages)} duplicated={duplicates} lost={lost}"
    )
    assert set(ids) == {message_id(n) for n in Notification.objects.all()}
    assert (duplicates, lost) == (0, 0)
