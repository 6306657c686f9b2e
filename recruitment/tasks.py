"""Recruitment's periodic work; each task is idempotent (running it twice changes nothing more)."""

from __future__ import annotations

from celery import shared_task

from recruitment.calls import calls_close_due
from recruitment.citizen.invitations import invitations_tick
from recruitment.retention import applications_anonymise_due


@shared_task(name="recruitment.close_due_calls", ignore_result=True)
def close_due_calls_task() -> int:
    return calls_close_due()


@shared_task(name="recruitment.invitations_tick", ignore_result=True)
def invitations_tick_task() -> dict[str, int]:
    return invitations_tick()


@shared_task(name="recruitment.anonymise_applications", ignore_result=True)
def anonymise_applications_task() -> int:
    return applications_anonymise_due()
