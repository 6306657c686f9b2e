"""Anonymous reads of the API from the cache, until anything public changes.

The answers are the same for everyone, so a rendered body is kept under its full address, with its ETag
and Last-Modified, and served again while the site-wide version of the public pages (core.cache: any
saved or deleted public row bumps it) is the one it was made under, for at most
PUBLIC_PAGE_CACHE_SECONDS (0 turns this off, as in the tests). A stored answer is served by
api.middleware.StoredAnswerMiddleware before the rest of the site's machinery runs; the rate limit and the
conditional answers (304) still apply to it.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.http import parse_http_date_safe

from api.conditional import not_modified, stamp
from core.cache import VERSION_KEY, bump

MAX_QUERY_STRING = 400  # a longer address is no link anyone follows: answered fresh, not stored


def _key(request) -> str:
    # The language too: the evaluation's statements are named in the reader's language.
    where = f"{translation.get_language()} {request.scheme}://{request.get_host()}{request.get_full_path()}"
    return "api:answer:" + hashlib.sha256(where.encode()).hexdigest()


def _cacheable(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
    )


def from_cache(request) -> HttpResponse | None:
    """The stored answer for this address, if it is current; marks the request for `keep` otherwise."""
    if not _cacheable(request):
        return None
    key = _key(request)
    found = cache.get_many([VERSION_KEY, key])
    version, entry = found.get(VERSION_KEY), found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        _version, content, etag, modified = entry
        if not_modified(request, etag, parse_http_date_safe(modified) or 0):
            return stamp(request, None, etag, modified)
        return stamp(request, HttpResponse(content, content_type="application/json"), etag, modified)
    if version is None:
        bump()
        version = cache.get(VERSION_KEY)
    if version is not None:
        request.api_cache_entry = (key, version)
    return None


def keep(request, response) -> None:
    """Store a rendered 200 answer to a request that `from_cache` marked."""
    entry = getattr(request, "api_cache_entry", None)
    if entry is not None and response.status_code == 200 and "ETag" in response:
        key, version = entry
        stored = (version, response.content, response["ETag"], response["Last-Modified"])
        cache.set(key, stored, timeout=settings.PUBLIC_PAGE_CACHE_SECONDS)
