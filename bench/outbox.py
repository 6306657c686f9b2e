"""Outbox throughput: N messages through notifications.dispatch.outbox_dispatch to a loopback SMTP sink.

Two dispatcher processes run at once, as two Celery workers would, so the count of duplicates also
tests the claim (SELECT … FOR UPDATE SKIP LOCKED plus the conditional update). The messages are
outbox_test mails (the admin's "send a test message"), rendered in Danish with text and HTML parts.
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


def _dispatch_until_empty(queue) -> None:
    from notifications.dispatch import outbox_dispatch

    sent = 0
    while True:
        report = outbox_dispatch(seconds=300)
        sent += report.sent
        if report.sent + report.retrying + report.failed + report.deferred == 0:
            break
    connections.close_all()
    queue.put(sent)


def run(sink, *, messages: int = MESSAGES, dispatchers: int = DISPATCHERS) -> OutboxResult:
    from accounts.models import User
    from notifications.models import Notification

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
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
    queue = context.Queue()
    started = time.perf_counter()
    children = [context.Process(target=_dispatch_until_empty, args=(queue,)) for _ in range(dispatchers)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    seconds = time.perf_counter() - started
    ids = Counter(message["Message-ID"] for message in sink.messages)
    return OutboxResult(
        messages=messages,
        dispatchers=dispatchers,
        seconds=seconds,
        received=len(sink.messages),
        duplicates=sum(n - 1 for n in ids.values()),
        marked_sent=Notification.objects.filter(state=Notification.State.SENT).count(),
    )
