"""Accounts' periodic work; the beat schedule is in config/celery.py."""

from __future__ import annotations

from celery import shared_task

from accounts.sessions import sessions_clear_expired


@shared_task(name="accounts.clear_expired_sessions", ignore_result=True)
def clear_expired_sessions_task() -> int:
    return sessions_clear_expired()
