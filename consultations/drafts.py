"""What someone typed before signing in waits in their session, so nothing is lost on the way: the form's
own text fields only, bounded in size (a file cannot wait there; the page says so)."""

from __future__ import annotations

from allauth.core import ratelimit
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

DRAFT_MAX_VALUES, DRAFT_MAX_CHARS = 20, 12_000


def keep(request: HttpRequest, key: str, form: forms.Form) -> None:
    request.session[key] = {
        name: [value[:DRAFT_MAX_CHARS] for value in request.POST.getlist(name)[:DRAFT_MAX_VALUES]]
        for name in form.fields
        if name in request.POST and not isinstance(form.fields[name], forms.FileField)
    }
    if request.FILES:
        messages.info(request, _("After you have signed in, attach the PDF file again: a file cannot wait."))


def kept(request: HttpRequest, key: str) -> MultiValueDict | None:
    draft = request.session.get(key)
    return MultiValueDict(draft) if isinstance(draft, dict) and draft else None


def forget(request: HttpRequest, key: str) -> None:
    request.session.pop(key, None)


def too_many(request: HttpRequest) -> bool:
    """allauth's limiter (ACCOUNT_RATE_LIMITS["participate"]). When the person must wait, the page says so
    and shows the form as it was sent, so nothing typed is lost."""
    if request.user.is_authenticated:
        allowed = ratelimit.consume(request, action="participate", user=request.user)
    else:
        allowed = ratelimit.consume(request, action="participate_anonymous")
    if not allowed:
        messages.error(
            request, _("You have sent the form many times in a short while. Please wait a few minutes.")
        )
    return not allowed


def with_status(response: HttpResponse, status: int) -> HttpResponse:
    response.status_code = status
    return response
