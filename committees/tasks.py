"""Committees' periodic work; the beat schedule is in config/celery.py."""

from __future__ import annotations

from celery import shared_task

from committees.meetings import meeting_reminders_tick


@shared_task(name="committees.meeting_reminders", ignore_result=True)
def meeting_reminders_task() -> int:
    return meeting_reminders_tick()
