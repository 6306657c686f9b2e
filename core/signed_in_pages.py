"""Copies of the pages people work in, kept per session until anything is written to the database.

A signed-in page shows personal data and may differ for every person, so a copy is kept for one session
only: the key holds the session, what the session holds (a draft, the sign-in's second factor), the
language, the host and the full path. Each copy records the counter of committed writes it was made under
(core.write_version); any write anywhere makes it old, so a copy is never older than the database, and
what changes with the clock alone (a deadline passing) shows within SIGNED_IN_PAGE_CACHE_SECONDS.

Every guard still runs before a copy is served: the session, the sign-in and the officials' second
factor are middleware, and the copy belongs to the session that saw the page. Not kept: a request that
wrote anything or changed what its session holds, a page with messages coming or going, htmx's partial
requests, an answer other than 200, a response that sets a cookie, and a page that read a table whose
writes do not count. The CSRF token is put in afresh, as for the public pages (core.cache).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import translation

from core import write_version
from core.cache import HIT_HEADER, MAX_QUERY_STRING, copy_of, served

# Session entries that change as time passes, not as the person acts: left out of the key.
CLOCK_ENTRIES = frozenset({"_samskab_refreshed_at", "_samskab_activity_at"})
MESSAGES_IN_SESSION = "_messages"


def _seconds() -> int:
    return getattr(settings, "SIGNED_IN_PAGE_CACHE_SECONDS", 0)


def _keepable(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return (
        request.method in ("GET", "HEAD")
        and _seconds() > 0
        and session is not None
        and session.session_key is not None
        and request.user.is_authenticated
        and "messages" not in request.COOKIES
        and MESSAGES_IN_SESSION not in session
        and "HTTP_HX_REQUEST" not in request.META
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
    )


def _key(request: HttpRequest) -> str:
    session = request.session
    held = {name: value for name, value in session.items() if name not in CLOCK_ENTRIES}
    where = [
        session.session_key,
        json.dumps(held, sort_keys=True, default=str),
        f"{request.scheme}://{request.get_host()}{request.get_full_path()}",
    ]
    digest = hashlib.sha256("\x00".join(where).encode()).hexdigest()
    return f"pages:signed-in:{translation.get_language()}:{digest}"


UNCOUNTED = frozenset(write_version.UNCOUNTED_TABLES)


def _storable(request: HttpRequest, response: HttpResponse, *, wrote: bool, read_uncounted: bool) -> bool:
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", ())
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not queued
        and not wrote
        and not read_uncounted
    )


def kept_per_session(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve a signed-in person's GET of `view` from their session's copy while nothing has been written."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _keepable(request) or write_version.owed():
            return view(request, *args, **kwargs)
        key = _key(request)
        found = cache.get_many([write_version.KEY, key])
        version, entry = found.get(write_version.KEY), found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            return served(request, entry[1], entry[2])
        if version is None:
            version = write_version.current()
        writes_before = write_version.writes()
        with write_version.watching_reads() as read:
            response = view(request, *args, **kwargs)
            if getattr(response, "is_rendered", True) is False:
                response.render()  # a TemplateResponse reads while it renders: watched too
        wrote = write_version.writes() != writes_before
        if (
            version is not None
            and _storable(request, response, wrote=wrote, read_uncounted=bool(read & UNCOUNTED))
            and _key(request) == key  # the view changed nothing the session holds
        ):
            cache.set(key, (version, *copy_of(response)), timeout=_seconds())
            response[HIT_HEADER] = "miss"
        return response

    return wrapper
