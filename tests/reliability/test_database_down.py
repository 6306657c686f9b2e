"""The database goes away in the middle of a request: a clean 503 page, never a 500, nothing half-written.

gunicorn serves the site and reaches PostgreSQL through a proxy the test cuts (PostgreSQL itself is shared).
A citizen's application is caught half-way through its transaction: the application, its choices and its
event are written, and the request waits for a lock the test holds. Then the database goes away.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import connection, transaction
from django.urls import reverse

from committees.models import Follower
from notifications.models import Notification
from recruitment.models import Application, ApplicationChoice, ApplicationEvent
from tests.factories import UserFactory
from tests.recruitment.citizen_factories import answers
from tests.recruitment.factories import call_with_committee
from tests.support.processes import NEEDS_REAL_SERVICES, database_url, gunicorn, service_env, wait_for
from tests.support.smtp import free_port
from tests.support.tcp_proxy import TcpProxy
from tests.support.web import Browser, server_answers

pytestmark = NEEDS_REAL_SERVICES

UNAVAILABLE = "We cannot reach our database right now"


@contextmanager
def follow_row_held(*, committee, user):
    """Another transaction inserts the follow the application will write, and keeps it uncommitted: the
    application's own insert waits for it, in the middle of its transaction."""
    held, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic():
                Follower.objects.create(committee=committee, user=user)
                held.set()
                release.wait(60)
                transaction.set_rollback(True)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    held.wait(10)
    try:
        yield
    finally:
        release.set()
        thread.join(30)


def backends(condition: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            f"AND pid <> pg_backend_pid() AND {condition}"
        )
        return cursor.fetchone()[0]


def test_when_the_database_goes_away_mid_request_the_page_is_a_clean_503_and_nothing_is_half_written(
    redis_server, processes
):
    call = call_with_committee(profiles=2, meetings=3, politicians=1)
    citizen = UserFactory(email="midtvejs@example.dk")
    apply_url = reverse("recruitment:apply", args=[call.pk])
    with TcpProxy(connection.settings_dict.get("PORT") or 5432) as proxy:
        env = service_env(
            redis_url=redis_server.url,
            smtp_port=free_port(),
            DATABASE_URL=database_url(port=proxy.port),
            OUTBOX_KICK_ON_COMMIT="false",
        )
        port = free_port()
        processes.add(gunicorn(env=env, log=processes.log("web"), port=port), processes.log("web"))
        wait_for(lambda: server_answers(port), timeout=30, what="gunicorn to answer")
        browser = Browser(port, user=citizen)
        assert browser.get(apply_url).status == 200

        outcome, data = {}, answers(call)  # the thread below must not open a database connection of its own
        with follow_row_held(committee=call.mandate.committee, user=citizen):
            request = threading.Thread(target=lambda: outcome.update(page=browser.post(apply_url, data)))
            request.start()
            wait_for(lambda: backends("wait_event_type = 'Lock'"), timeout=20, what="the request to wait")
            proxy.cut()
            request.join(30)
        page = outcome["page"]
        assert page.status == 503, page.text[:500]
        assert UNAVAILABLE in page.text and page.headers["retry-after"] == "30"

        # What the request wrote died with its transaction once PostgreSQL noticed its client was gone.
        wait_for(lambda: not backends("state <> 'idle'"), timeout=20, what="the cut-off transaction to end")
        assert not Application.objects.filter(applicant=citizen).exists()
        assert not ApplicationChoice.objects.filter(application__applicant=citizen).exists()
        assert not ApplicationEvent.objects.filter(by=citizen).exists()
        assert not Follower.objects.filter(user=citizen).exists()
        assert not Notification.objects.filter(recipient=citizen).exists()

        # While it is gone, every page is the same clean page, in Danish unless the visitor chose English;
        # only a page this session already has a copy of, with nothing written since, is served from it.
        danish = Browser(port, language="da").get("/")
        assert danish.status == 503 and '<html lang="da">' in danish.text
        assert browser.get(reverse("recruitment:my_applications")).status == 503
        assert browser.get(apply_url).status == 200

        proxy.resume()
        wait_for(lambda: browser.get(apply_url).status == 200, timeout=20, what="the site to come back")
        assert browser.post(apply_url, answers(call)).status == 302
    assert Application.objects.filter(applicant=citizen).count() == 1
