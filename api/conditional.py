"""ETag and Last-Modified on every answer, and 304 Not Modified when the client has it already.

The ETag is a digest of the body, so it changes exactly when the data does. Last-Modified is when the
API first gave out that body (kept in the cache under its ETag): a client asking "modified since?" with a
date from an earlier answer gets 304 while nothing changed. If the cache forgets, the date moves later,
which only makes a client fetch again, never miss a change.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from rest_framework.response import Response

SEEN_SECONDS = 30 * 24 * 3600


def _first_seen(etag: str) -> int:
    now = int(timezone.now().timestamp())
    key = f"api:seen:{etag}"
    if cache.add(key, now, timeout=SEEN_SECONDS):
        return now
    return cache.get(key) or now


def conditional(request, response: HttpResponse | Response):
    """Stamp a successful GET/HEAD answer; turn it into 304 when the client's copy is current."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if hasattr(response, "render"):  # a DRF answer; one from the cache is rendered already
        response.render()
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    modified = _first_seen(etag)
    response["ETag"] = etag
    response["Last-Modified"] = http_date(modified)
    response["Cache-Control"] = "public, max-age=60"
    if _not_modified(request, etag, modified):
        unchanged = HttpResponseNotModified()
        for header in ("ETag", "Last-Modified", "Cache-Control"):
            unchanged[header] = response[header]
        return unchanged
    return response


def _not_modified(request, etag: str, modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:  # RFC 9110 §13.1.3: If-Modified-Since is ignored when this is present
        tags = parse_etags(if_none_match)
        return "*" in tags or etag in tags or etag in {t.removeprefix("W/") for t in tags}
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and modified <= since
