"""Periodic work of consultations and dialogue meetings (the schedule is in config/celery.py). Each task is
idempotent: running it twice changes nothing the second time."""

from __future__ import annotations

from celery import shared_task

from consultations.registrations import offers_tick
from consultations.reminders import dialogue_reminders_tick
from consultations.retention import access_needs_erase_due, hidden_contributions_erase_due


@shared_task(name="consultations.dialogue_offers", ignore_result=True)
def dialogue_offers_task() -> dict[str, int]:
    return offers_tick()


@shared_task(name="consultations.dialogue_reminders", ignore_result=True)
def dialogue_reminders_task() -> int:
    return dialogue_reminders_tick()


@shared_task(name="consultations.retention", ignore_result=True)
def retention_task() -> dict[str, int]:
    return {**hidden_contributions_erase_due(), "access_needs_erased": access_needs_erase_due()}
