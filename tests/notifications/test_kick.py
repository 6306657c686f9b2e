"""The kick after a commit reaches the broker on one kept connection, even after the broker dropped it."""

from __future__ import annotations

import pytest
import redis
from django.conf import settings

from notifications.kick import kick_dispatch
from notifications.tasks import outbox_dispatch_task

QUEUE = "celery"


@pytest.fixture
def broker():
    """The real broker of these tests (Redis where REDIS_URL is set), with tasks queued, not run at once."""
    app = outbox_dispatch_task.app
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    app.control.purge()
    yield app
    app.control.purge()
    app.conf.task_always_eager = eager


def queued(app) -> int:
    with app.connection_for_read() as connection:
        return connection.default_channel.queue_declare(QUEUE, passive=True).message_count


def redis_broker() -> redis.Redis:
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs Redis as the broker (REDIS_URL)")
    return redis.Redis.from_url(settings.CELERY_BROKER_URL)


def test_each_kick_queues_a_dispatch(broker):
    for _ in range(3):
        kick_dispatch()
    assert queued(broker) == 3


def test_kicks_share_one_broker_connection(broker):
    server = redis_broker()
    kick_dispatch()  # the connection this process keeps, if it had none yet
    opened = server.info("stats")["total_connections_received"]
    for _ in range(5):
        kick_dispatch()
    assert server.info("stats")["total_connections_received"] == opened
    assert queued(broker) == 6


def test_a_kick_after_the_broker_dropped_the_kept_connection_still_arrives(broker):
    server = redis_broker()
    kick_dispatch()
    assert server.client_kill_filter(_type="normal", skipme=True) >= 1  # as a broker restart would
    kick_dispatch()
    assert queued(broker) == 2
