"""Request guards for signed-in people: officials need a second factor; personal pages are never cached."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from allauth.usersessions.internal import usersessionkit
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from accounts.roles import is_official
from accounts.second_factor import guards_read, session_has_second_factor

# Paths an official may use before the second factor is set up: signing in and setting it up,
# the public information pages, and the assets they need.
PATHS_OPEN_WITHOUT_SECOND_FACTOR = (
    "/accounts/",
    "/static/",
    "/i18n/",
    "/healthz",
    "/privacy/",
    "/accessibility/",
)


class OfficialsNeedSecondFactorMiddleware:
    """Staff, politicians and facilitators see personal data: no official page without a password
    and TOTP (an official created without a password could otherwise live on sign-in codes), or single
    sign-on with the provider's multi-factor claim, or single sign-on and TOTP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        guarded = request.user.is_authenticated and not request.path_info.startswith(
            PATHS_OPEN_WITHOUT_SECOND_FACTOR
        )
        if guarded:
            guards_read(request.user)  # the roles and the TOTP flag in one query, kept on the user
        if guarded and is_official(request.user) and not session_has_second_factor(request):
            target = reverse("accounts:second_factor_required")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


class NoStoreForSignedInMiddleware:
    """A signed-in page may show personal data; no browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)  # Cache-Control: no-store, private, …
        return response


class SlidingSessionMiddleware:
    """A session ends SESSION_COOKIE_AGE after its last request. Saving it on every request to slide that
    end (SESSION_SAVE_EVERY_REQUEST) cost every page a write and a wait for the disk; this slides it when
    it was last written REFRESH_SECONDS ago or more, so an idle session ends between SESSION_COOKIE_AGE
    minus REFRESH_SECONDS and SESSION_COOKIE_AGE after the last request."""

    REFRESH_SECONDS = 60
    SESSION_KEY = "_samskab_refreshed_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if session.modified or now - session.get(self.SESSION_KEY, 0) >= self.REFRESH_SECONDS:
                session[self.SESSION_KEY] = now  # saved by SessionMiddleware, with a new end
        return response


class SessionActivityMiddleware:
    """allauth's UserSessionsMiddleware writes the session's last-seen time, IP and browser on every
    request (three queries); people reading "Your sessions" need it to the minute, not the second, so
    this records it at most every ACTIVITY_INTERVAL_SECONDS per session."""

    ACTIVITY_INTERVAL_SECONDS = 5 * 60
    SESSION_KEY = "_samskab_activity_at"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(self.SESSION_KEY, 0) >= self.ACTIVITY_INTERVAL_SECONDS:
                usersessionkit.track_activity(request, user=request.user, session=session)
                session[self.SESSION_KEY] = now
        return self.get_response(request)
