"""The kick: after a transaction that queued a message commits, ask a worker to dispatch now rather than
at the next beat tick. Best effort only: the beat's tick sends whatever a lost kick leaves behind.

Each process (each thread, as a broker connection is not shared between threads) keeps one broker
connection for its kicks: opening one costs several times the publish itself, and a person sending an
application waits for it. A kept connection that the broker dropped (a restart) connects again as it
publishes; with the broker down, the kick gives up after KICK_CONNECT_SECONDS and the connection is
forgotten, so the next kick opens a new one.
"""

from __future__ import annotations

import logging
import threading

from django.db import connection as database
from django.db import transaction

logger = logging.getLogger(__name__)

# The kick runs in the request after its commit: with the broker down it must fail at once, not after
# kombu's default reconnect loop (about six seconds) that `retry=False` does not cover.
KICK_CONNECT_SECONDS = 1

_kept = threading.local()


def _broker_connection(app):
    found = getattr(_kept, "connection", None)
    if found is None:
        found = app.connection_for_write(
            transport_options={"max_retries": 0}, connect_timeout=KICK_CONNECT_SECONDS
        )
        _kept.connection = found
    return found


def _forget_connection() -> None:
    found = getattr(_kept, "connection", None)
    _kept.connection = None
    if found is not None:
        try:
            found.release()
        except Exception:  # closing a broken connection can fail; there is nothing to keep
            logger.debug("Closing the broker connection failed", exc_info=True)


def kick_dispatch() -> None:
    """Ask a worker to dispatch now, on this process's broker connection."""
    from notifications.tasks import outbox_dispatch_task

    try:
        outbox_dispatch_task.apply_async(retry=False, connection=_broker_connection(outbox_dispatch_task.app))
    except Exception:  # the broker is down: the beat tick sends it when it is back
        _forget_connection()  # the next kick opens a new one
        logger.warning("Could not queue an outbox dispatch; the next tick sends it.", exc_info=True)


def kick_once_on_commit() -> None:
    """One kick per transaction, however many messages it schedules."""
    if not any(callback is kick_dispatch for _sids, callback, _robust in database.run_on_commit):
        transaction.on_commit(kick_dispatch)
