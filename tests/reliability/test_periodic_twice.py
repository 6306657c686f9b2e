"""Every periodic task run twice at the same moment, by two real workers: nothing happens twice.

Two Celery workers (one process each) take the two copies of a task off our own Redis at once: calls
whose deadline passed are closed, invitations are reminded and expired (a reserve is invited in an
expired one's place), meeting reminders are scheduled, and the outbox sends what is due.
"""

from __future__ import annotations

import ast
from collections import Counter
from datetime import timedelta

from django.utils import timezone

from committees.models import Meeting, Membership
from mandates.models import MandateTransition
from notifications.emails import message_id
from notifications.models import Notification
from recruitment.models import Application, ApplicationEvent, Call, Invitation
from tests.committees.factories import MeetingFactory
from tests.recruitment.citizen_factories import invitation_with_reserve
from tests.recruitment.factories import ApplicationFactory, call_with_committee
from tests.support.processes import (
    NEEDS_REAL_SERVICES,
    celery_worker,
    send_tasks,
    service_env,
    task_results,
    wait_for,
    worker_ready,
)
from tests.support.smtp import SmtpSink

pytestmark = NEEDS_REAL_SERVICES

PER_KIND = 6  # calls to close, invitations to expire, invitations to remind
MEETINGS = 4


def due_work():
    """Calls past their deadline, invitations past their answer date or due a reminder, meetings tomorrow."""
    now = timezone.now()
    closing = [
        call_with_committee(profiles=1, meetings=0, deadline=now - timedelta(minutes=1))
        for _ in range(PER_KIND)
    ]
    for call in closing:
        ApplicationFactory.create_batch(2, call=call)
    expiring, reserves = [], []
    for _ in range(PER_KIND):
        invitation, reserve = invitation_with_reserve(call_with_committee(profiles=1, meetings=0))
        Invitation.objects.filter(pk=invitation.pk).update(answer_by=now - timedelta(minutes=1))
        expiring.append(invitation)
        reserves.append(reserve)
    reminding = []
    for _ in range(PER_KIND):
        invitation, _reserve = invitation_with_reserve(call_with_committee(profiles=1, meetings=0))
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=now - timedelta(days=4))
        reminding.append(invitation)
    # Starting in a day less half an hour: the one-day reminder is due now (the seven-day one long past).
    meetings = [
        MeetingFactory(
            committee=call_with_committee(profiles=1, meetings=0).mandate.committee,
            number=1,
            starts_at=now + timedelta(days=1, minutes=-30),
        )
        for _ in range(MEETINGS)
    ]
    return closing, expiring, reserves, reminding, meetings


def run_twice_at_once(broker_url: str, logs, name: str) -> list[str]:
    """Queue the task twice and wait until both copies ran; return what the runs returned, by worker.

    Both workers are idle, so each takes one copy; should one worker take both (a very loaded machine),
    the runs overlap less but the outcome must be the same, so the test waits for two runs in all."""
    before = [len(task_results(log, name)) for log in logs]
    send_tasks(broker_url, name, name)
    wait_for(
        lambda: sum(len(task_results(log, name)) for log in logs) == sum(before) + 2,
        timeout=30,
        what=f"the two runs of {name}",
    )
    return [result for log, n in zip(logs, before, strict=True) for result in task_results(log, name)[n:]]


def test_the_periodic_tasks_run_twice_at_the_same_moment_do_everything_once(
    redis_server, processes, settings
):
    settings.OUTBOX_KICK_ON_COMMIT = False  # the test process must not queue; the workers do the work
    closing, expiring, reserves, reminding, meetings = due_work()
    with SmtpSink() as sink:
        env = service_env(redis_url=redis_server.url, smtp_port=sink.port, OUTBOX_KICK_ON_COMMIT="false")
        logs = [processes.log("worker-a"), processes.log("worker-b")]
        for log, name in zip(logs, ("a", "b"), strict=True):
            processes.add(celery_worker(env=env, log=log, name=name), log)
        for log in logs:
            wait_for(lambda log=log: worker_ready(log), timeout=30, what=f"{log.stem} to be ready")

        closed = run_twice_at_once(redis_server.url, logs, "recruitment.close_due_calls")
        ticked = [
            ast.literal_eval(r)
            for r in run_twice_at_once(redis_server.url, logs, "recruitment.invitations_tick")
        ]
        run_twice_at_once(redis_server.url, logs, "committees.meeting_reminders")
        due = Notification.objects.filter(state=Notification.State.PENDING, due_at__lte=timezone.now())
        to_send = due.count()
        dispatched = [
            ast.literal_eval(r)
            for r in run_twice_at_once(redis_server.url, logs, "notifications.outbox_dispatch")
        ]
        ids = Counter(message["Message-ID"] for message in sink.messages)

    # Calls: each closed once, its mandate moved once, its applicants told once, its officials once.
    assert sum(int(n) for n in closed) == PER_KIND
    assert Call.objects.filter(pk__in=[c.pk for c in closing], state=Call.State.CLOSED).count() == PER_KIND
    assert (
        MandateTransition.objects.filter(
            mandate__in=[c.mandate_id for c in closing], to_state="matching"
        ).count()
        == PER_KIND
    )
    assert ApplicationEvent.objects.filter(kind="call_closed").count() == 2 * PER_KIND
    officials = Membership.objects.filter(
        committee__mandate__in=[c.mandate_id for c in closing], role__in=["politician", "facilitator"]
    ).count()
    assert Notification.objects.filter(kind="call_closed").count() == officials
    # Invitations: each expired once with one reserve invited in its place; each reminded once.
    assert sum(t["expired"] for t in ticked) == PER_KIND and sum(t["reminded"] for t in ticked) == PER_KIND
    assert ApplicationEvent.objects.filter(kind="expired").count() == PER_KIND
    assert {i.state for i in Invitation.objects.filter(pk__in=[i.pk for i in expiring])} == {"expired"}
    assert (
        Invitation.objects.filter(pk__in=[i.pk for i in reminding], reminded_at__isnull=False).count()
        == PER_KIND
    )
    for reserve in reserves:
        assert Invitation.objects.filter(application=reserve).count() == 1
        assert Application.objects.get(pk=reserve.pk).state == Application.State.INVITED
    assert Notification.objects.filter(kind="invitation_reminder").count() == PER_KIND
    # Meeting reminders: one per member and meeting.
    members = Membership.objects.filter(committee__meetings__in=meetings).count()
    assert Notification.objects.filter(kind="meeting_reminder").count() == members
    assert Meeting.objects.filter(pk__in=[m.pk for m in meetings], state="planned").count() == MEETINGS
    # Both workers did the work, side by side (their logs show which copy each took).
    tasks = ("recruitment.close_due_calls", "recruitment.invitations_tick", "notifications.outbox_dispatch")
    assert all(any(task_results(log, task) for task in tasks) for log in logs)
    # The outbox: what was due went out once, split between the two dispatches.
    duplicates = sum(count - 1 for count in ids.values())
    print(
        f"\nPeriodic tasks twice at once: calls closed {closed}, invitation ticks {ticked}, "
        f"messages due={to_send} sent={sum(d['sent'] for d in dispatched)} by {dispatched} "
        f"received={len(sink.messages)} duplicated={duplicates}"
    )
    assert sum(d["sent"] for d in dispatched) == to_send == len(ids)
    assert set(ids) == {message_id(n) for n in Notification.objects.filter(state=Notification.State.SENT)}
    assert duplicates == 0
