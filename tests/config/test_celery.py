"""The beat schedule and task settings that keep messages from being lost."""

from __future__ import annotations

import pytest
from django.core import mail

from config.celery import app
from notifications.services import notification_schedule
from notifications.tasks import outbox_dispatch_task


def test_the_outbox_is_dispatched_every_minute():
    entry = app.conf.beat_schedule["outbox-dispatch"]
    assert entry["task"] == outbox_dispatch_task.name == "notifications.outbox_dispatch"
    assert entry["schedule"].minute == set(range(60))


def test_tasks_are_acknowledged_late_in_json_with_time_limits():
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit


@pytest.mark.django_db
def test_a_message_due_now_is_sent_as_soon_as_its_transaction_commits(
    citizen, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification_schedule(recipient=citizen, kind="outbox_test", key="now")
    assert [m.to for m in mail.outbox] == [[citizen.email]]


@pytest.mark.django_db
def test_the_task_runs_the_dispatcher(citizen):
    notification_schedule(recipient=citizen, kind="outbox_test", key="t")
    assert outbox_dispatch_task.apply().get() == {"sent": 1, "retrying": 0, "failed": 0}
