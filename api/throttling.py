"""A rate limit per client address: a counter per address and window in the cache, one increment per
request whatever the rate (allauth's limiter keeps every request's time, which is right for sign-in
attempts and too costly for an API read by programs). The address is read as for the site's other limits,
through allauth's adapter: behind the reverse proxy from ALLAUTH_TRUSTED_PROXY_COUNT or
ALLAUTH_TRUSTED_CLIENT_IP_HEADER. The rate is ACCOUNT_RATE_LIMITS["api"], in allauth's syntax ("300/m/ip";
empty: no limit)."""

from __future__ import annotations

import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from rest_framework.throttling import BaseThrottle

_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def rate() -> tuple[int, int] | None:
    """(requests, seconds) of the API's limit, or None for no limit."""
    text = settings.ACCOUNT_RATE_LIMITS.get("api", "")
    try:
        amount, period = text.split(",")[0].split("/")[:2]
        number, unit = period[:-1] or "1", period[-1]
        return int(amount), int(number) * _SECONDS[unit]
    except (IndexError, KeyError, ValueError):
        return None


class ClientAddressThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        limit = rate()
        if limit is None:
            return True
        try:
            address = get_adapter().get_client_ip(request._request)
        except PermissionDenied:
            # No address to count (a test client without REMOTE_ADDR, or a proxy header that is missing):
            # the reverse proxy in front limits such requests; refusing them would refuse everyone.
            return True
        allowed, seconds = limit
        now = time.time()
        window = int(now // seconds)
        self.seconds_left = max(1, int(seconds - now % seconds))
        key = f"api:rate:{address}:{window}"
        cache.add(key, 0, timeout=seconds + 1)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between add and incr: count this one as the first
            cache.add(key, 1, timeout=seconds + 1)
            used = 1
        return used <= allowed

    def wait(self) -> int:
        return getattr(self, "seconds_left", 60)
