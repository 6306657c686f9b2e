"""Django's Redis cache, forgiving an outage: while Redis is down the cache behaves as an empty one.

The cache holds nothing that cannot be rebuilt: allauth's rate-limit counters and cached pages. A 500
on every page that touches it, because Redis restarted, would be worse than the rate limits resting
for the minutes of the outage (they fail open; the warning in the log says so). The applications, the
sessions and the outbox live in PostgreSQL, so nothing a person does is lost.
"""

from __future__ import annotations

import functools
import logging

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

UNAVAILABLE = (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError)
# A Redis that hangs instead of refusing must not hang the page: give up on it after a second.
SOCKET_TIMEOUTS = {"socket_connect_timeout": 1, "socket_timeout": 1}


def _forgiving(answer_when_down):
    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                logger.warning("Cache unavailable, carrying on without it (%s): %s", method.__name__, error)
                return answer_when_down(*args) if callable(answer_when_down) else answer_when_down

        return wrapper

    return decorate


def _missing(key, *_args):
    raise ValueError(f"Key '{key}' not found.")  # what incr says about a key that is not there


# Django asks EXISTS, then INCRBY: two round trips for every counter moved. One script does both, and at
# once, so a key evicted between the two can no longer come back as a counter started at 1.
INCREMENT_EXISTING = """
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('INCRBY', KEYS[1], ARGV[1]) end
return false
"""


def _increment_existing(client: RedisCacheClient, key, delta):
    value = client.get_client(key, write=True).eval(INCREMENT_EXISTING, 1, key, delta)
    if value is None:
        _missing(key)
    return value


class ForgivingRedisCacheClient(RedisCacheClient):
    add = _forgiving(True)(RedisCacheClient.add)  # as if no one else held the key (allauth's lock)
    get = _forgiving(lambda key, default: default)(RedisCacheClient.get)
    set = _forgiving(None)(RedisCacheClient.set)
    touch = _forgiving(False)(RedisCacheClient.touch)
    delete = _forgiving(False)(RedisCacheClient.delete)
    get_many = _forgiving(lambda keys: {})(RedisCacheClient.get_many)
    has_key = _forgiving(False)(RedisCacheClient.has_key)
    incr = _forgiving(_missing)(_increment_existing)
    set_many = _forgiving(None)(RedisCacheClient.set_many)
    delete_many = _forgiving(None)(RedisCacheClient.delete_many)
    clear = _forgiving(False)(RedisCacheClient.clear)


class ForgivingRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ForgivingRedisCacheClient
        self._options = {**SOCKET_TIMEOUTS, **self._options}
