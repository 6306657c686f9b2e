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


def _refused_for(request) -> int:
    """0 when the request's address is within the limit (the request counted), else the seconds it waits."""
    limit = rate()
    if limit is None:
        return 0
    try:
        address = get_adapter().get_client_ip(request)
    except PermissionDenied:
        # No address to count (a test client without REMOTE_ADDR, or a proxy header that is missing):
        # the reverse proxy in front limits such requests; refusing them would refuse everyone.
        return 0
    allowed, seconds = limit
    now = time.time()
    key = f"api:rate:{address}:{int(now // seconds)}"
    try:
        used = cache.incr(key)  # one round trip while the window's counter exists
    except ValueError:
        cache.add(key, 0, timeout=seconds + 1)
        used = cache.incr(key)
    return 0 if used <= allowed else max(1, int(seconds - now % seconds))


def address_allowed(request) -> bool:
    """Counts the (Django) request once; DRF's throttle below reads the verdict."""
    request.api_wait = _refused_for(request)
    return not request.api_wait


class ClientAddressThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        django_request = request._request
        wait = getattr(django_request, "api_wait", None)
        if wait is None:  # not counted yet (StoredAnswerMiddleware not installed)
            wait = _refused_for(django_request)
        self.seconds_left = wait
        return not wait

    def wait(self) -> int:
        return self.seconds_left or 60
