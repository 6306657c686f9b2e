"""Consultations' periodic tasks run twice at the same moment, by two real workers: nothing happens twice.

Two Celery workers take the two copies of each task off our own Redis at once: lapsed offers of a seat are
lapsed once and the seat offered to the next once, the reminders two days before a dialogue meeting are
scheduled once per person, and personal data whose time is up is deleted once, with one audit entry.
"""

from __future__ import annotations

import ast
from datetime import timedelta

from django.utils import timezone

from audit.models import Entry
from consultations.models import Consultation, Contribution, DialogueMeeting, Registration
from consultations.moderation import contribution_hide
from consultations.registrations import registration_cancel
from notifications.models import Notification
from tests.consultations.factories import consultation_for, contribute, meeting_for
from tests.consultations.test_dialogue import register
from tests.deliberation.deliverable_factories import committee_at_work
from tests.reliability.test_periodic_twice import run_twice_at_once
from tests.support.processes import NEEDS_REAL_SERVICES, celery_worker, service_env, wait_for, worker_ready
from tests.support.smtp import SmtpSink

pytestmark = NEEDS_REAL_SERVICES
MEETINGS = 3


def due_work():
    """Meetings whose seat offer ran out, meetings in two days, a hidden contribution past its time."""
    now = timezone.now()
    offered = []
    for _ in range(MEETINGS):
        meeting = meeting_for(committee_at_work(), capacity=1)
        holder, first, second = register(meeting), register(meeting), register(meeting)
        registration_cancel(registration=holder, by=holder.user)
        Registration.objects.filter(pk=first.pk).update(answer_by=now - timedelta(minutes=1))
        offered.append((first, second))
    soon = [
        meeting_for(committee_at_work(), capacity=3, starts_in=timedelta(days=2, hours=2))
        for _ in range(MEETINGS)
    ]
    for meeting in soon:
        register(meeting), register(meeting)
    cast = committee_at_work()
    consultation = consultation_for(cast)
    hidden = contribute(consultation, body="Naboen Preben kører for stærkt.")
    contribution_hide(contribution=hidden, by=cast.facilitator, reason="personal_data")
    Consultation.objects.filter(pk=consultation.pk).update(
        ends_at=now - timedelta(days=200), starts_at=now - timedelta(days=230), retention_days=30
    )
    Contribution.objects.filter(pk=hidden.pk).update(hidden_at=now - timedelta(days=199))
    return offered, soon, hidden


def test_consultations_periodic_tasks_run_twice_at_once_do_everything_once(redis_server, processes, settings):
    settings.OUTBOX_KICK_ON_COMMIT = False
    offered, soon, hidden = due_work()
    with SmtpSink() as sink:
        env = service_env(redis_url=redis_server.url, smtp_port=sink.port, OUTBOX_KICK_ON_COMMIT="false")
        logs = [processes.log("worker-a"), processes.log("worker-b")]
        for log, name in zip(logs, ("a", "b"), strict=True):
            processes.add(celery_worker(env=env, log=log, name=name), log)
        for log in logs:
            wait_for(lambda log=log: worker_ready(log), timeout=30, what=f"{log.stem} to be ready")

        offers = [
            ast.literal_eval(r)
            for r in run_twice_at_once(redis_server.url, logs, "consultations.dialogue_offers")
        ]
        reminded = [
            int(r) for r in run_twice_at_once(redis_server.url, logs, "consultations.dialogue_reminders")
        ]
        kept = [
            ast.literal_eval(r) for r in run_twice_at_once(redis_server.url, logs, "consultations.retention")
        ]

    assert sum(o["lapsed"] for o in offers) == MEETINGS and sum(o["offered"] for o in offers) == MEETINGS
    for first, second in offered:
        assert Registration.objects.get(pk=first.pk).state == Registration.State.LAPSED
        assert Registration.objects.get(pk=second.pk).state == Registration.State.OFFERED
        assert Notification.objects.filter(recipient=second.user, kind="dialogue_seat_offered").count() == 1
    seated = Registration.objects.filter(meeting__in=soon, state=Registration.State.CONFIRMED).count()
    # Both runs may have counted a reminder they then found the other had written; one row each remains.
    assert sum(reminded) >= seated == Notification.objects.filter(kind="dialogue_reminder").count()
    assert sum(k["erased"] for k in kept) == 1
    assert Contribution.objects.get(pk=hidden.pk).body == ""
    assert Entry.objects.filter(action="contribution.personal_data_deleted").count() == 1
    assert DialogueMeeting.objects.count() == 2 * MEETINGS
