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

SEEN_SECONDS = 30 * 24 * 3600


def _first_seen(etag: str) -> int:
    now = int(timezone.now().timestamp())
    key = f"api:seen:{etag}"
    if cache.add(key, now, timeout=SEEN_SECONDS):
        return now
    return cache.get(key) or now


def conditional(request, response: HttpResponse) -> HttpResponse:
    """Stamp a successful GET/HEAD answer; turn it into 304 when the client's copy is current."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    response.render()
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    modified = _first_seen(etag)
    stamp(request, response, etag, http_date(modified))
    if not_modified(request, etag, modified):
        return stamp(request, None, etag, http_date(modified))
    return response


def stamp(request, response: HttpResponse | None, etag: str, modified: str) -> HttpResponse:
    """The headers of a current answer; with no response, the 304 that stands for it."""
    response = response if response is not None else HttpResponseNotModified()
    response["ETag"] = etag
    response["Last-Modified"] = modified
    response["Cache-Control"] = "public, max-age=60"
    return response


def not_modified(request, etag: str, modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:  # RFC 9110 §13.1.3: If-Modified-Since is ignored when this is present
        tags = parse_etags(if_none_match)
        return "*" in tags or etag in tags or etag in {t.removeprefix("W/") for t in tags}
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and modified <= since
