"""Celery tasks of the outbox: thin, named, calling the dispatcher."""

from __future__ import annotations

from celery import shared_task

from notifications.dispatch import outbox_dispatch


@shared_task(name="notifications.outbox_dispatch", ignore_result=True)
def outbox_dispatch_task() -> dict[str, int]:
    report = outbox_dispatch()
    return {"sent": report.sent, "retrying": report.retrying, "failed": report.failed}
