"""The messages this app sends, all through the outbox: one function per kind would repeat the same three
lines, so each service names the kind and the context, and this module adds what every message needs."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.urls import reverse

from notifications.models import Notification
from notifications.services import notification_schedule


def site_url(name: str, *args) -> str:
    """The absolute address of one of this app's pages, for a message."""
    return settings.SITE_URL + reverse(f"consultations:{name}", args=args)


def tell(
    *, recipient, kind: str, key: str, context: dict, due_at: datetime | None = None, ics: str = ""
) -> Notification | None:
    """Queue `kind` for `recipient` (templates/emails/<kind>_*), once per `key`. Nobody without an account
    (a contributor whose personal data was deleted) is told anything."""
    if recipient is None:
        return None
    return notification_schedule(
        recipient=recipient, kind=kind, key=key, context=context, due_at=due_at, ics=ics
    )
