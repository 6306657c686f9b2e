"""Outbox throughput: N messages through notifications.dispatch.outbox_dispatch to loopback SMTP sinks.

Two dispatcher processes run at once, as two Celery workers would, so the count of duplicates also
tests the claim (SELECT … FOR UPDATE SKIP LOCKED plus the conditional update). The messages are
outbox_test mails (the admin's "send a test message"), rendered in Danish with text and HTML parts.

Each dispatcher sends to a sink process of its own (tests.support.smtp.SmtpSink), as a mail server
such as Postfix serves each connection in a process of its own: one aiosmtpd process serving both
connections was the slower party and held both dispatchers back. The sinks' Message-IDs are counted
together, so a message sent by both dispatchers still shows as a duplicate.
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db import connections
from django.utils import timezone

MESSAGES = 2_000
DISPATCHERS = 2


@dataclass
class OutboxResult:
    messages: int
    dispatchers: int
    seconds: float
    received: int
    duplicates: int
    marked_sent: int

    @property
    def per_second(self) -> float:
        return self.received / self.seconds if self.seconds else 0.0


def _sink(ports, stop, received) -> None:
    """One sink process: says its port, takes mail until told to stop, then gives the Message-IDs."""
    from tests.support.smtp import SmtpSink

    with SmtpSink() as sink:
        ports.put(sink.port)
        stop.wait()
        received.put([message["Message-ID"] for message in sink.messages])


def _dispatch_until_empty(queue, port: int) -> None:
    from notifications.dispatch import outbox_dispatch

    settings.EMAIL_PORT = port
    sent = 0
    while True:
        report = outbox_dispatch(seconds=300)
        sent += report.sent
        if report.sent + report.retrying + report.failed + report.deferred == 0:
            break
    connections.close_all()
    queue.put(sent)


def run(*, messages: int = MESSAGES, dispatchers: int = DISPATCHERS) -> OutboxResult:
    from accounts.models import User
    from notifications.models import Notification

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    Notification.objects.all().delete()
    recipients = list(User.objects.filter(email__startswith="borger").order_by("pk")[:messages])
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient=recipients[n % len(recipients)],
            kind="outbox_test",
            key=f"bench-outbox:{n}",
            language="da",
            due_at=now,
        )
        for n in range(messages)
    )
    connections.close_all()  # the children must not share the parent's database connection
    context = multiprocessing.get_context("fork")
    ports, stop, received = context.Queue(), context.Event(), context.Queue()
    sinks = [context.Process(target=_sink, args=(ports, stop, received)) for _ in range(dispatchers)]
    for sink in sinks:
        sink.start()
    sink_ports = [ports.get(timeout=30) for _ in sinks]
    queue = context.Queue()
    started = time.perf_counter()
    children = [context.Process(target=_dispatch_until_empty, args=(queue, port)) for port in sink_ports]
    for child in children:
        child.start()
    for child in children:
        child.join()
    seconds = time.perf_counter() - started
    stop.set()
    ids = Counter(message_id for _ in sinks for message_id in received.get(timeout=60))
    for sink in sinks:
        sink.join()
    return OutboxResult(
        messages=messages,
        dispatchers=dispatchers,
        seconds=seconds,
        received=sum(ids.values()),
        duplicates=sum(n - 1 for n in ids.values()),
        marked_sent=Notification.objects.filter(state=Notification.State.SENT).count(),
    )
