"""The Celery app and the whole beat schedule, in one place (STYLE.md: tasks are thin)."""

from __future__ import annotations

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("samskab")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Every minute: send what is due in the outbox. A minute is the longest a citizen waits for a
    # receipt; each tick is idempotent, so an overlapping tick after a slow one sends nothing twice.
    "outbox-dispatch": {
        "task": "notifications.outbox_dispatch",
        "schedule": crontab(minute="*"),
        # A tick that could not start within a minute is dropped: the next one does its work.
        "options": {"expires": 55},
    },
}
