"""Writes to the outbox. Business services call `notification_schedule` inside their own transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import get_template
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.kick import kick_once_on_commit
from notifications.models import Notification

TEMPLATE_PARTS = ("subject.txt", "body.txt", "body.html")


def _check_kind(kind: str) -> None:
    """A kind is its three templates; a missing one is a programming error, caught at scheduling."""
    for part in TEMPLATE_PARTS:
        get_template(f"emails/{kind}_{part}")


# No savepoint of its own inside a caller's transaction: every message is scheduled inside another
# service's transaction, and its write, one INSERT … ON CONFLICT DO NOTHING, needs none.
@transaction.atomic(savepoint=False)
def notification_schedule(
    *,
    recipient,
    kind: str,
    key: str,
    context: dict[str, Any] | None = None,
    due_at: datetime | None = None,
    ics: str = "",
) -> Notification:
    """Queue one message. Scheduling the same key again returns the existing row and changes nothing."""
    _check_kind(kind)
    row = Notification(
        key=key,
        recipient=recipient,
        kind=kind,
        context=context or {},
        language=recipient.preferred_language or settings.LANGUAGE_CODE,
        due_at=due_at or timezone.now(),
        ics=ics,
    )
    # The key's unique constraint decides, without an error or a savepoint: the row is written unless the
    # key is taken (then, by another transaction, once that one has committed), and read back either way.
    Notification.objects.bulk_create([row], ignore_conflicts=True)
    notification = Notification.objects.get(key=key)
    if notification.recipient_id != recipient.pk:
        # Two people behind one key is a bug in the caller; never hand out someone else's message.
        raise ValueError(f"Idempotency key {key!r} already belongs to another recipient.")
    due = notification.state == Notification.State.PENDING and notification.due_at <= timezone.now()
    if due and settings.OUTBOX_KICK_ON_COMMIT:  # a kick for a message already queued does no harm
        kick_once_on_commit()
    return notification


@transaction.atomic
def notification_resend(*, notification: Notification) -> Notification:
    """Staff send a failed message again once they have fixed its cause."""
    notification = Notification.objects.select_for_update().get(pk=notification.pk)
    if notification.state != Notification.State.FAILED:
        raise ValidationError(_("Only a failed message can be sent again."))
    notification.state = Notification.State.PENDING
    notification.due_at = timezone.now()
    notification.attempts = 0
    notification.save(update_fields=["state", "due_at", "attempts"])
    return notification


def notifications_cancel(*, key_prefix: str) -> int:
    """Cancel the pending messages whose key starts with `key_prefix` (a moved meeting's reminders).

    Sent messages stay as the record of what was sent.
    """
    return Notification.objects.filter(key__startswith=key_prefix, state=Notification.State.PENDING).update(
        state=Notification.State.CANCELLED
    )
