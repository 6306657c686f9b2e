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
    # Every minute: close calls whose deadline has passed, so nobody applies after it by more than
    # a minute and politicians hear promptly.
    "recruitment-close-due-calls": {
        "task": "recruitment.close_due_calls",
        "schedule": crontab(minute="*"),
        "options": {"expires": 55},
    },
    # Every 15 minutes: invitation reminders (3 days in) and expiry (7 days): days-long clocks need
    # no finer grain, and an expired seat reaches the next reserve within a quarter of an hour.
    "recruitment-invitations": {
        "task": "recruitment.invitations_tick",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 600},
    },
    # Every 15 minutes: schedule meeting reminders (7 days and 1 day before) for meetings in the
    # coming 8 days; the outbox sends each at its time. Idempotent: keys include the meeting's revision.
    "committees-meeting-reminders": {
        "task": "committees.meeting_reminders",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 600},
    },
    # Daily at 03:00, when nobody works: delete expired sessions, and with them the application drafts of
    # people who never signed in (a session ends 30 idle minutes after the last visit; the privacy notice
    # says a draft is gone within a day after that).
    "accounts-clear-expired-sessions": {
        "task": "accounts.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=0),
    },
    # Daily at 03:15, when nobody works: anonymise applications of people not selected.
    "recruitment-anonymise": {
        "task": "recruitment.anonymise_applications",
        "schedule": crontab(hour=3, minute=15),
    },
    # Every 5 minutes: lapse a dialogue meeting's offers of a seat whose deadline passed and offer free
    # seats to the waiting list. Offers run for hours; a seat freed close to the meeting must move fast.
    "consultations-dialogue-offers": {
        "task": "consultations.dialogue_offers",
        "schedule": crontab(minute="*/5"),
        "options": {"expires": 280},
    },
    # Every 15 minutes: schedule the reminders two days before each dialogue meeting (the outbox sends
    # each at its time). Idempotent: keys include the meeting's revision.
    "consultations-dialogue-reminders": {
        "task": "consultations.dialogue_reminders",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 600},
    },
    # Daily at 03:30, after the applications: delete personal data in hidden contributions, unsent drafts
    # and access needs whose retention period has passed.
    "consultations-retention": {
        "task": "consultations.retention",
        "schedule": crontab(hour=3, minute=30),
    },
    # Daily at 04:00, after retention has run (so nothing deleted tonight is published): write the open-data
    # package if anything public changed since the last one; otherwise the run writes nothing.
    "api-open-data-package": {
        "task": "api.open_data_package",
        "schedule": crontab(hour=4, minute=0),
    },
}
