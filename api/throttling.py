"""A rate limit per client address, through allauth's limiter: the same cache and the same reading of the
address behind the reverse proxy (ALLAUTH_TRUSTED_PROXY_COUNT / ALLAUTH_TRUSTED_CLIENT_IP_HEADER) as the
site's other limits. The rate is ACCOUNT_RATE_LIMITS["api"]."""

from __future__ import annotations

from allauth.core.internal import ratelimit
from django.conf import settings
from django.core.exceptions import PermissionDenied
from rest_framework.throttling import BaseThrottle

_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def window_seconds() -> int:
    """The length of the limit's window, which a client told 429 waits at most."""
    rate = settings.ACCOUNT_RATE_LIMITS.get("api", "")
    try:
        period = rate.split(",")[0].split("/")[1]
        number, unit = period[:-1] or "1", period[-1]
        return int(number) * _SECONDS[unit]
    except (IndexError, KeyError, ValueError):
        return 60


class ClientAddressThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        # allauth's public consume() never limits GET; its implementation does when asked (limit_get).
        try:
            usage = ratelimit.consume(request._request, app="allauth.account", action="api", limit_get=True)
        except PermissionDenied:
            # No address to count (a test client without REMOTE_ADDR, or a proxy header that is missing):
            # the reverse proxy in front limits such requests; refusing them would refuse everyone.
            return True
        return usage is not None

    def wait(self) -> int:
        return window_seconds()
