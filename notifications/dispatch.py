"""Sends what is due in the outbox: each message once, a failure in one never stopping the others.

A message is claimed under a row lock (`SELECT … FOR UPDATE SKIP LOCKED`) and a conditional update
on its attempt count, so two ticks at the same moment never take the same row, on PostgreSQL or
SQLite. The lock is held while the message is sent and released when it is marked sent: a worker
killed in between leaves the row pending, and the next tick sends it again with the same Message-ID.
"""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import F
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.utils import timezone

from notifications.emails import render_message
from notifications.models import Notification

logger = logging.getLogger(__name__)

# Retry waits 1, 2, 4 … minutes, never more than an hour between tries.
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 60 * 60


@dataclass
class DispatchReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


def _is_permanent(error: Exception) -> bool:
    """5xx answers about this message are final; anything about the connection is temporary."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return False  # our configuration, not the message: fix it and the message goes out
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return isinstance(error, smtplib.SMTPNotSupportedError | UnicodeError | ValueError)


def _is_connection_error(error: Exception) -> bool:
    return isinstance(
        error,
        smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError,
    ) or (isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException))


def _record_failure(notification: Notification, error: Exception, report: DispatchReport) -> None:
    notification.last_error = f"{type(error).__name__}: {error}"[:2000]
    if _is_permanent(error) or notification.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        notification.state = Notification.State.FAILED
        report.failed += 1
        logger.error("Notification %s failed for good: %s", notification.pk, notification.last_error)
    else:
        notification.due_at = timezone.now() + backoff(notification.attempts)
        report.retrying += 1
        logger.warning("Notification %s will be retried: %s", notification.pk, notification.last_error)
    notification.save(update_fields=["state", "last_error", "due_at"])


def _send_one(notification: Notification, connection, report: DispatchReport) -> bool:
    """Send and record the outcome; False when the mail server itself could not be reached."""
    try:
        message = render_message(notification)
    except (TemplateDoesNotExist, TemplateSyntaxError, KeyError, TypeError) as error:
        notification.attempts = settings.OUTBOX_MAX_ATTEMPTS  # a broken template does not heal
        _record_failure(notification, error, report)
        return True
    message.connection = connection
    try:
        message.send()
    except Exception as error:
        _record_failure(notification, error, report)
        return not _is_connection_error(error)
    notification.state = Notification.State.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    notification.save(update_fields=["state", "sent_at", "last_error"])
    report.sent += 1
    return True


def _claim_next(now) -> Notification | None:
    candidate = (
        Notification.objects.due(now)
        .select_for_update(skip_locked=True, of=("self",))
        .select_related("recipient")
        .order_by("due_at", "id")
        .first()
    )
    if candidate is None:
        return None
    claimed = Notification.objects.filter(
        pk=candidate.pk, state=Notification.State.PENDING, attempts=candidate.attempts
    ).update(attempts=F("attempts") + 1)
    if not claimed:  # another tick took it between our read and our update (SQLite has no row locks)
        return None
    candidate.attempts += 1
    return candidate


def outbox_dispatch(*, limit: int | None = None) -> DispatchReport:
    """Send due messages until none is left or `limit` were tried. Safe to run twice at once."""
    limit = limit or settings.OUTBOX_BATCH_SIZE
    report = DispatchReport()
    now = timezone.now()
    connection = get_connection()
    try:
        for _ in range(limit):
            with transaction.atomic():
                notification = _claim_next(now)
                if notification is None:
                    break
                server_reachable = _send_one(notification, connection, report)
            if not server_reachable:
                # The rest would fail the same way; they wait for the next tick without losing a try.
                logger.warning("Mail server unreachable; the outbox waits for the next tick.")
                break
    finally:
        try:
            connection.close()
        except Exception:  # closing a broken SMTP connection can fail; nothing is lost
            logger.debug("Closing the mail connection failed", exc_info=True)
    return report
