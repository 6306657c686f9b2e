"""The pages of single sign-on that are ours: the refusal, and the allauth pages that stay closed."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.sso.config import sign_on_enabled


def refusal_response(request: HttpRequest, refusal) -> HttpResponse:
    return render(
        request,
        "socialaccount/refused.html",
        {"refusal": str(refusal), "provider_name": settings.SSO_NAME},
        status=403,
    )


def closed(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """allauth's list of connected accounts and its sign-up form: accounts are linked by a verified address
    and created from the claims, never by hand (sign_in.py)."""
    raise Http404


def when_enabled(view):
    """allauth's pages after a failed or cancelled sign-in, only while single sign-on is on."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not sign_on_enabled():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
