"""Anonymous visitors' copies of the public pages, served from the cache until anything public changes.

Only a visitor without a session or a pending message gets a cached page: a signed-in page, a draft
kept in the session or a "you have signed out" message is never stored or served. The key holds the
language, the host and the full path (query string included); every entry records the site-wide
version it was made under, and any saved or deleted row of the apps the public pages show bumps that
version (`post_save`, `post_delete`, `m2m_changed`, connected in CoreConfig.ready), at once and again
when the transaction commits, so an edit in a service or in the admin shows on the next request. Each
app says which of its rows public pages show with `watch()` from its AppConfig.ready(), so this module
names and imports none of them. A write that bypasses the
signals (`QuerySet.update`, `bulk_create`) calls `public_pages_changed()` itself; and what changes
with the clock alone (a call opening or closing) shows within PUBLIC_PAGE_CACHE_SECONDS.

Every page carries the language switch, a POST form with a CSRF token. The stored copy holds a
placeholder instead, and each visitor gets their own token (and cookie) when the page is served. The
pages use no CSP nonce (the policy allows no inline script at all), so a copy never holds a stale one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from collections.abc import Callable, Iterable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import translation

from core.write_version import on_commit_once

VERSION_KEY = "pages:version"
HIT_HEADER = "X-Page-Cache"
PUBLIC_PAGE = "samskab_public_page"  # the attribute that marks a view and its response as cacheable
# Headers not kept with a stored page: the length changes with the token, the rest are per response.
UNSTORED_HEADERS = frozenset({"content-length", HIT_HEADER.lower(), "x-bench-queries"})
# Filled by watch() from each app's AppConfig.ready(): this module names no app.
_watched_apps: set[str] = set()
_private_models: set[str] = set()
_private_fields: dict[str, set[str]] = {}  # "app.model" -> fields no public page shows


def watch(app_label: str, *, private_models: Iterable[str] = (), private_fields: Iterable[str] = ()) -> None:
    """Public pages show rows of `app_label`: a change to them makes the stored pages old, except a change
    to `private_models` ("app.model"), which no public page shows (a new application or rating must not
    empty the cache of every page), or a save of `private_fields` ("app.model.field") alone (a sign-in
    writes its time to the person, whose name the pages show). Each app calls this for itself from its
    AppConfig.ready(); an app whose public pages show rows of one below it (the members' names) may call
    it for that one too."""
    _watched_apps.add(app_label)
    _private_models.update(private_models)
    for name in private_fields:
        model, field = name.rsplit(".", 1)
        _private_fields.setdefault(model, set()).add(field)


# A longer query string is no page a link leads to; it is served fresh rather than filling the cache.
MAX_QUERY_STRING = 200
TOKEN = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{32,64}(")')
PLACEHOLDER = b"\x00csrf-token\x00"
T = TypeVar("T")


def bump() -> None:
    """Make every stored page old. A lost counter starts again at a random value, never an old one."""
    if not cache.add(VERSION_KEY, secrets.randbits(48), timeout=None):
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # evicted between add and incr
            cache.add(VERSION_KEY, secrets.randbits(48), timeout=None)


def public_pages_changed() -> None:
    """Call after a write that the signals do not see (`QuerySet.update`) and a public page shows."""
    bump()  # pages rendered from now on, inside this transaction, are not stored under the old version
    on_commit_once(bump, transaction.get_connection())  # and pages rendered before the commit are not kept


def _changed(sender, **kwargs) -> None:
    meta = getattr(sender, "_meta", None)
    if meta is None or meta.app_label not in _watched_apps or meta.label_lower in _private_models:
        return
    if kwargs.get("action", "post_").startswith("pre_"):  # m2m_changed fires before and after
        return
    saved = kwargs.get("update_fields")
    if saved and saved <= _private_fields.get(meta.label_lower, set()):
        return
    public_pages_changed()


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_changed, dispatch_uid=f"core.cache.{id(signal)}", weak=False)


def _seconds() -> int:
    return getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 0)


def _anonymous_visitor(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and _seconds() > 0
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META  # htmx asks for parts of pages
        and len(request.META.get("QUERY_STRING", "")) <= MAX_QUERY_STRING
    )


def _key(request: HttpRequest) -> str:
    where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"pages:public:{translation.get_language()}:{digest}"


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    session = getattr(request, "session", None)
    queued = getattr(getattr(request, "_messages", None), "_queued_messages", ())
    return (
        getattr(response, PUBLIC_PAGE, False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies  # a messages cookie, or anything a view set for this visitor
        and not (session is not None and session.modified)
        and not queued
    )


def copy_of(response: HttpResponse) -> tuple[tuple[bytes, ...], dict[str, str]]:
    """What is stored of a page: its body in the parts between its CSRF tokens (a dashboard has hundreds,
    and joining is quicker than searching when it is served), and its own headers."""
    content = TOKEN.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content)
    headers = {k: v for k, v in response.headers.items() if k.lower() not in UNSTORED_HEADERS}
    return tuple(content.split(PLACEHOLDER)), headers


def served(request: HttpRequest, parts: tuple[bytes, ...], headers: dict[str, str]) -> HttpResponse:
    """A stored page with this visitor's own CSRF token in it."""
    token = get_token(request).encode()  # also tells the CSRF middleware to set the visitor's cookie
    response = HttpResponse(token.join(parts), headers=headers)
    response[HIT_HEADER] = "hit"
    return response


def _is_public_page(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return getattr(match.func, PUBLIC_PAGE, False)


class PublicPageCacheMiddleware:
    """Serves and stores the pages marked with @cached_public_page, for anonymous visitors only.

    It sits right after CsrfViewMiddleware, so a page from the cache skips the rest of the stack
    (signing in, messages, the CSP and frame headers, which are stored with the page and replayed)
    while the CSRF, session, language and security middleware still see every response.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (_anonymous_visitor(request) and _is_public_page(request)):
            return self.get_response(request)
        key = _key(request)
        found = cache.get_many([VERSION_KEY, key])
        version, entry = found.get(VERSION_KEY), found.get(key)
        if version is not None and entry is not None and entry[0] == version:
            return served(request, entry[1], entry[2])
        if version is None:
            bump()
            version = cache.get(VERSION_KEY)
        response = self.get_response(request)
        if version is not None and _storable(request, response):
            cache.set(key, (version, *copy_of(response)), timeout=_seconds())
            response[HIT_HEADER] = "miss"
        return response


def public_fragment(name: str, render: Callable[[], str]) -> str:
    """A part of a page, signed-in pages included, that shows public data only and is the same for every
    visitor (no token, no name): rendered once and kept, like the public pages, until public data changes.
    `name` says what it is and what it depends on beyond the language and the public data."""
    return public_value(f"fragment:{name}", render)


def public_value(name: str, make: Callable[[], T]) -> T:
    """What `make()` gives (HTML, or rows read from the public apps, pickled as the cache pickles any
    value), made once and kept until public data changes, like the public pages; None is never kept.
    `name` says what it is and what it depends on beyond the language and the public data; nothing
    private may go in."""
    seconds = _seconds()
    if seconds <= 0:
        return make()
    key = f"pages:{translation.get_language()}:{name}"
    found = cache.get_many([VERSION_KEY, key])
    version, entry = found.get(VERSION_KEY), found.get(key)
    if version is not None and entry is not None and entry[0] == version:
        return entry[1]
    if version is None:
        bump()
        version = cache.get(VERSION_KEY)
    value = make()  # a change while making it bumps the version, and this copy is never served
    if version is not None and value is not None:  # nothing kept for what was not found (any id asked)
        cache.set(key, (version, value), timeout=seconds)
    return value


def cached_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark `view` as a public page: PublicPageCacheMiddleware serves anonymous visitors from the cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        setattr(response, PUBLIC_PAGE, True)
        return response

    setattr(wrapper, PUBLIC_PAGE, True)
    return wrapper
