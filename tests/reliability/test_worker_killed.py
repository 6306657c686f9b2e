"""A worker killed with SIGKILL in the middle of a batch: after a restart every message is sent, none lost.

Real processes: our own redis-server as the broker, a Celery worker (solo pool) and the beat, the test
database on PostgreSQL, and an SMTP sink that is slow to accept each recipient so the kill lands mid-batch.
"""

from __future__ import annotations

from collections import Counter

from django.db import transaction

from accounts.models import User
from notifications.dispatch import CLAIM_SIZE
from notifications.emails import message_id
from notifications.models import Notification
from notifications.services import notification_schedule
from tests.support.processes import (
    NEEDS_REAL_SERVICES,
    celery_beat,
    celery_worker,
    count_in,
    kill,
    service_env,
    wait_for,
    worker_ready,
)
from tests.support.smtp import SmtpSink

pytestmark = NEEDS_REAL_SERVICES

TICK_DONE = "] succeeded in"  # the worker log line of a finished task
SCHEDULED = 300
LEASE_SECONDS = 3


def schedule_batch() -> None:
    people = User.objects.bulk_create(
        User(email=f"batch{n}@example.dk", full_name=f"Modtager {n}", password="!") for n in range(SCHEDULED)
    )
    with transaction.atomic():
        for n, person in enumerate(people):
            notification_schedule(recipient=person, kind="outbox_test", key=f"batch:{n}")


def test_a_worker_killed_mid_batch_loses_nothing_and_its_successor_sends_the_rest_once(
    redis_server, processes, settings
):
    settings.OUTBOX_KICK_ON_COMMIT = False  # the test process must not queue; the beat drives the outbox
    schedule_batch()
    with SmtpSink(delay=0.01) as sink:
        env = service_env(
            redis_url=redis_server.url,
            smtp_port=sink.port,
            OUTBOX_LEASE_SECONDS=str(LEASE_SECONDS),
            OUTBOX_KICK_ON_COMMIT="false",
        )
        first_log = processes.log("worker-1")
        first = processes.add(celery_worker(env=env, log=first_log, name="first"), first_log)
        beat_log = processes.log("beat")
        processes.add(celery_beat(env=env, log=beat_log, schedule=beat_log.with_suffix(".db")), beat_log)

        wait_for(lambda: len(sink.messages) >= SCHEDULED // 3, timeout=40, what="the first third to be sent")
        kill(first)
        received_at_kill = len(sink.messages)
        assert received_at_kill < SCHEDULED, "the kill came after the batch; it proved nothing"

        second_log = processes.log("worker-2")
        processes.add(celery_worker(env=env, log=second_log, name="second"), second_log)
        wait_for(lambda: worker_ready(second_log), timeout=20, what="the second worker")
        wait_for(
            lambda: Notification.objects.filter(state=Notification.State.SENT).count() == SCHEDULED,
            timeout=40,
            what="every message to be marked sent",
        )
        # Two more ticks run to the end: anything wrongly left due would be sent again now.
        settled = len(sink.messages)
        done = count_in(second_log, TICK_DONE)
        wait_for(lambda: count_in(second_log, TICK_DONE) >= done + 2, timeout=15, what="two more ticks")

        ids = Counter(message["Message-ID"] for message in sink.messages)
    assert set(ids) == {message_id(n) for n in Notification.objects.all()}
    duplicates = sum(count - 1 for count in ids.values())
    lost = SCHEDULED - len(ids)
    print(
        f"\nSIGKILL mid-batch: scheduled={SCHEDULED} received_before_kill={received_at_kill} "
        f"sent_rows={Notification.objects.filter(state=Notification.State.SENT).count()} "
        f"distinct_received={len(ids)} duplicated={duplicates} lost={lost}"
    )
    assert lost == 0
    assert len(sink.messages) == settled, "a message was sent again after every row was marked sent"
    # The one message in flight when the worker died may have reached the server before the worker could
    # mark it sent; it is sent again with the same Message-ID, which the receiving server drops.
    assert duplicates <= 1
    resent = Notification.objects.filter(attempts__gt=1)
    assert resent.count() <= CLAIM_SIZE  # only the killed worker's claimed batch was claimed twice
    assert {i for i, count in ids.items() if count > 1} <= {message_id(n) for n in resent}
    assert len(ids) == SCHEDULED
