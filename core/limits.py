"""Request bodies are measured before anything reads them.

Django parses a POST on first touch of request.POST: the CSRF check does that before any view runs, and a
multipart body's files are spooled to disk on the way, whatever the view would have done with them. This
middleware runs its check before CSRF's and refuses (413) a body larger than the view may take, by its
Content-Length, so nothing of it is read:

- a view marked `@accepts_uploads` (the meeting record's PDF attachments) and the admin (council staff's
  mandate documents) take up to REQUEST_UPLOAD_MAX_BYTES from a signed-in person (staff, for the admin);
- every other request, and everyone signed out, up to DATA_UPLOAD_MAX_MEMORY_SIZE.

The reverse proxy in front (deploy/Caddyfile) has the upload limit too, so a larger body never reaches
gunicorn at all. Without a Content-Length (chunked) Django reads no body under WSGI.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def accepts_uploads(view: Callable) -> Callable:
    """Mark a view that takes files: it gets the upload limit instead of the form limit."""
    view.accepts_uploads = True
    return view


def body_limit(request: HttpRequest, view: Callable) -> int:
    user = getattr(request, "user", None)
    signed_in = bool(getattr(user, "is_authenticated", False))
    in_admin = getattr(request.resolver_match, "app_name", "") == "admin"
    if signed_in and (getattr(view, "accepts_uploads", False) or (in_admin and user.is_staff)):
        return settings.REQUEST_UPLOAD_MAX_BYTES
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def _content_length(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0  # as Django itself treats it: no body


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view, args, kwargs) -> HttpResponse | None:
        limit = body_limit(request, view)
        if _content_length(request) <= limit:
            return None
        # The server deals with the unread rest, not the app (WSGI forbids it a Connection header):
        # gunicorn's sync workers close every connection, and Django's own server reads the rest away.
        return render(
            request,
            "core/request_too_large.html",
            {
                "limit_mb": max(limit // 1_000_000, 1),
                "upload_mb": settings.MANDATE_DOCUMENT_MAX_BYTES // 1_000_000,
            },
            status=413,
        )
