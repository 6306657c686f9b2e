"""Sends what is due in the outbox: each message once, a failure in one never stopping the others.

Messages are claimed up to fifty at a time in a short transaction (`SELECT … FOR UPDATE SKIP LOCKED`
plus an update conditional on the row still being due, so two ticks never take the same row on
PostgreSQL or SQLite). The claim moves `due_at` a lease ahead; each message is then rendered and sent
outside any transaction and marked sent on its own, and what a tick claimed but did not try goes
back to the queue when it ends. A worker killed mid-send leaves its rows leased, and a later tick
sends them when the lease ends: the one in flight perhaps again, with the same Message-ID so the
receiver can drop the copy.

One SMTP session serves the whole tick. On PostgreSQL the tick's own writes, a message's "sent" mark
above all, commit without waiting for the disk (`synchronous_commit` off for the tick's connection, set
back when the tick ends): the wait cost more than the rest of the send, and each mark is then a single
UPDATE. Only a crash of the database server itself can lose such a write, and then only those made
since this worker's last claim (each claim waits for the disk, and with it for every earlier commit,
so at most one claimed batch is at risk). A lost mark leaves its row leased, as a killed worker does:
it is sent again when the lease ends, with the same Message-ID. The claim itself waits for the disk,
so two workers never hold the same row.
"""

from __future__ import annotations

import logging
import smtplib
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import get_connection
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.utils import timezone

from notifications.emails import render_message
from notifications.models import Notification

logger = logging.getLogger(__name__)

# Retry waits 1, 2, 4 … minutes, never more than an hour between tries.
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 60 * 60
# Messages claimed per transaction: one claim's round trips serve many sends, and a worker killed
# mid-batch leaves the rest leased (sent later, never twice) rather than lost.
CLAIM_SIZE = 50
# When the mail server itself fails, every message waits this long, keeping its tries.
SERVER_PAUSE = timedelta(minutes=1)


@dataclass
class DispatchReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    deferred: int = 0  # the mail server failed; the message keeps its try


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** max(attempts - 1, 0), BACKOFF_MAX_SECONDS))


def _is_server_problem(error: Exception) -> bool:
    """Errors about our mail setup or the server, not about this message: no message is to blame."""
    if isinstance(
        error, smtplib.SMTPAuthenticationError | smtplib.SMTPSenderRefused | smtplib.SMTPConnectError
    ):
        return True
    if isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | TimeoutError):
        return True
    return isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException)


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer about this message is final; 4xx answers are worth another try."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return not isinstance(error, smtplib.SMTPException)  # anything else is a bug: retrying won't help


def _save(notification: Notification, *fields: str) -> None:
    notification.save(update_fields=list(fields))


def _mark_sent(notification: Notification) -> None:
    """Marked sent on its own, right after the server took it: one UPDATE (see the module's notes)."""
    notification.state = Notification.State.SENT
    notification.sent_at = timezone.now()
    notification.last_error = ""
    Notification.objects.filter(pk=notification.pk).update(
        state=notification.state, sent_at=notification.sent_at, last_error=""
    )


def _commit_setting(statement: str) -> None:
    """Set whether commits wait for the disk (PostgreSQL's `synchronous_commit`); elsewhere they do."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(statement)


@contextmanager
def _writes_not_waiting_for_the_disk():
    """The tick's commits do not wait for the disk (the module's notes); set back after."""
    _commit_setting("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        try:
            _commit_setting("RESET synchronous_commit")
        except DatabaseError:  # the connection broke: a new one starts with the server's setting
            logger.debug("Could not reset synchronous_commit", exc_info=True)


def _fail(notification: Notification, error: Exception | str, report: DispatchReport) -> None:
    notification.state = Notification.State.FAILED
    notification.last_error = (f"{type(error).__name__}: {error}" if isinstance(error, Exception) else error)[
        :2000
    ]
    _save(notification, "state", "last_error")
    report.failed += 1
    logger.error("Notification %s failed for good: %s", notification.pk, notification.last_error)


def _retry_or_fail(notification: Notification, error: Exception, report: DispatchReport) -> None:
    if _is_permanent(error) or notification.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        _fail(notification, error, report)
        return
    notification.last_error = f"{type(error).__name__}: {error}"[:2000]
    notification.due_at = timezone.now() + backoff(notification.attempts)
    _save(notification, "last_error", "due_at")
    report.retrying += 1
    logger.warning("Notification %s will be retried: %s", notification.pk, notification.last_error)


def _defer(notification: Notification, error: Exception, report: DispatchReport) -> None:
    notification.attempts -= 1  # the server failed, not the message
    notification.last_error = f"{type(error).__name__}: {error}"[:2000]
    notification.due_at = timezone.now() + SERVER_PAUSE
    _save(notification, "attempts", "last_error", "due_at")
    report.deferred += 1


def _claim_batch(now, size: int) -> list[Notification]:
    """Claim up to `size` due messages in one short transaction: the lease moves their `due_at` ahead.

    The update is conditional on the row still being due, so on SQLite, which has no row locks, a row
    two ticks both read goes to the one whose update lands first; the rows carrying our own lease
    (to the microsecond) are ours.
    """
    with transaction.atomic():
        _commit_setting("SET LOCAL synchronous_commit TO ON")  # the claim waits, whatever the tick's setting
        ids = list(
            Notification.objects.due(now)
            .select_for_update(skip_locked=True)
            .order_by("due_at", "id")
            .values_list("id", flat=True)[:size]
        )
        if not ids:
            return []
        lease_until = timezone.now() + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
        claimable = Notification.objects.due(now).filter(pk__in=ids)
        claimable.update(attempts=F("attempts") + 1, due_at=lease_until)
    return list(
        Notification.objects.filter(pk__in=ids, state=Notification.State.PENDING, due_at=lease_until)
        .select_related("recipient")
        .order_by("due_at", "id")
    )


def _release(unsent: list[Notification], *, after: timedelta) -> None:
    """Give claimed messages that were not tried back to the queue, their try not counted."""
    if unsent:
        Notification.objects.filter(
            pk__in=[notification.pk for notification in unsent], state=Notification.State.PENDING
        ).update(attempts=F("attempts") - 1, due_at=timezone.now() + after)


def _send_one(notification: Notification, connection, report: DispatchReport) -> bool:
    """Send one claimed message and record the outcome; False when the mail server is failing."""
    try:
        message = render_message(notification)
    except Exception as error:  # a broken template or context: retrying will not mend it
        _fail(notification, error, report)
        return True
    message.connection = connection
    try:
        delivered = message.send()
    except SoftTimeLimitExceeded:
        raise  # the lease brings the message back; the task must stop now
    except Exception as error:
        if _is_server_problem(error):
            _defer(notification, error, report)
            return False
        _retry_or_fail(notification, error, report)
        return True
    if not delivered:
        _fail(notification, "The message had no recipient address.", report)
        return True
    _mark_sent(notification)
    report.sent += 1
    return True


def outbox_dispatch(*, limit: int | None = None, seconds: float | None = None) -> DispatchReport:
    """Send due messages until none is left, `limit` were tried or `seconds` passed. Safe to run twice."""
    limit = limit or settings.OUTBOX_BATCH_SIZE
    deadline = time.monotonic() + (seconds or settings.OUTBOX_TICK_SECONDS)
    report = DispatchReport()
    now = timezone.now()
    connection = get_connection()
    opened = False
    tried = 0
    unsent: list[Notification] = []
    release_after = timedelta(0)
    with _writes_not_waiting_for_the_disk():
        try:
            while tried < limit and time.monotonic() <= deadline:
                unsent = _claim_batch(now, min(CLAIM_SIZE, limit - tried))
                if not unsent:
                    break
                while unsent and time.monotonic() <= deadline:
                    notification = unsent.pop(0)
                    tried += 1
                    if not opened:
                        opened = True
                        try:
                            connection.open()  # one SMTP session for the whole tick
                        except Exception as error:
                            _defer(notification, error, report)
                            logger.warning("Mail server unreachable; the outbox waits: %s", error)
                            release_after = SERVER_PAUSE
                            return report
                    if not _send_one(notification, connection, report):
                        logger.warning("Mail server failing; the outbox waits for the next tick.")
                        release_after = SERVER_PAUSE
                        return report
                if unsent:  # the tick's time is up
                    break
        finally:
            # Whatever way the tick ends, claimed messages it did not try go back now, not at the lease end.
            _release(unsent, after=release_after)
            try:
                connection.close()
            except Exception:  # closing a broken SMTP connection can fail; nothing is lost
                logger.debug("Closing the mail connection failed", exc_info=True)
    return report
