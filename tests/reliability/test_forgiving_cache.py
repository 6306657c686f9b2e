"""The Redis cache while Redis is down: it answers as an empty cache, at once, instead of raising."""

from __future__ import annotations

import time

import pytest

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
