"""The Redis cache while Redis is down: it answers as an empty cache, at once, instead of raising."""

from __future__ import annotations

import os
import time

import pytest
import redis

from config.cache import ForgivingRedisCache
from tests.support.smtp import free_port


@pytest.fixture
def cache_without_redis():
    return ForgivingRedisCache(f"redis://127.0.0.1:{free_port()}/0", {})  # nothing listens there


def test_a_cache_whose_redis_is_down_behaves_as_an_empty_cache(cache_without_redis):
    cache = cache_without_redis
    assert cache.get("key", "default") == "default"
    assert cache.add("lock", True) is True  # allauth's rate-limit lock: taken, so the request goes on
    cache.set("key", "value")
    assert cache.get_many(["key"]) == {} and not cache.has_key("key")
    assert cache.delete("key") is False
    cache.set_many({"a": 1})
    cache.delete_many(["a"])
    with pytest.raises(ValueError):
        cache.incr("counter")  # what incr says about a key that is not there


def test_a_cache_whose_redis_is_down_answers_without_waiting(cache_without_redis):
    started = time.monotonic()
    for _ in range(5):
        cache_without_redis.get("key")
    assert time.monotonic() - started < 2


@pytest.fixture
def redis_cache():
    if not os.environ.get("REDIS_URL"):
        pytest.skip("needs Redis (REDIS_URL)")
    cache = ForgivingRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "test-forgiving-cache"})
    cache.delete("counter")
    yield cache
    cache.delete("counter")


def test_a_counter_moves_in_one_round_trip_and_a_missing_one_is_not_started(redis_cache, monkeypatch):
    """A missing counter is not made up (its owner starts it at a random value); one that is there
    moves by the step asked, in one call to Redis."""
    with pytest.raises(ValueError):
        redis_cache.incr("counter")
    assert redis_cache.get("counter") is None
    redis_cache.set("counter", 41)
    sent = []
    send = redis.Redis.execute_command
    monkeypatch.setattr(
        redis.Redis, "execute_command", lambda self, *a, **k: sent.append(a[0]) or send(self, *a, **k)
    )
    assert redis_cache.incr("counter") == 42
    assert redis_cache.incr("counter", 8) == 50
    assert sent == ["EVAL", "EVAL"]
    monkeypatch.undo()
    assert redis_cache.get("counter") == 50
