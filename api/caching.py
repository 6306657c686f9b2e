"""Anonymous reads of the API from the cache, until anything public changes.

The answers are the same for everyone, so a rendered body is kept under its full address and served again
while the site-wide version of the public pages (pages.cache: any saved or deleted public row bumps it) is
the one it was made under, for at most PUBLIC_PAGE_CACHE_SECONDS (0 turns this off, as in the tests).
The rate limit and the conditional answers (304) still apply to every request.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from pages.cache import VERSION_KEY, bump

MAX_QUERY_STRING = 400  # a longer address is no link anyone follows: answered fresh, not stored


def _key(request) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "api:answer:" + hashlib.sha256(where.encode()).hexdigest()


def cached_answer(request, answer: Callable[[], HttpResponse]) -> HttpResponse:
    seconds = settings.PUBLIC_PAGE_CACHE_SECONDS
    if seconds <= 0 or len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
        return answer()
    key = _key(request)
    found = cache.get_many([VERSION_KEY, key])
    version, entry = found.get(VERSION_KEY), found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return HttpResponse(entry[1], content_type="application/json")
    if version is None:
        bump()
        version = cache.get(VERSION_KEY)
    response = answer()
    if version is not None and response.status_code == 200:
        response.api_cache_entry = (key, version, seconds)  # stored by `keep` once rendered
    return response


def keep(response) -> None:
    """Store a rendered answer that `cached_answer` marked."""
    entry = getattr(response, "api_cache_entry", None)
    if entry is not None and response.status_code == 200:
        key, version, seconds = entry
        cache.set(key, (version, response.content), timeout=seconds)
