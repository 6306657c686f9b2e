"""The project's Celery app with a beat that ticks the outbox every second, for tests with real processes.

A minute between ticks is right in production and far too slow for a test; everything else (the task,
its options, the broker) is the production schedule's.
"""

from __future__ import annotations

from config.celery import app

OUTBOX_TICK = "outbox-dispatch"

app.conf.beat_schedule = {OUTBOX_TICK: {**app.conf.beat_schedule[OUTBOX_TICK], "schedule": 1.0}}

__all__ = ["app"]
