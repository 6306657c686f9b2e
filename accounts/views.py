"""Account pages of our own: why and how to set up the second factor; a person's name and email language;
the language switch."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts.forms import PersonDetailsForm
from accounts.roles import is_official
from accounts.second_factor import has_second_factor, needs_password, session_has_second_factor
from accounts.services import user_details_update


def _safe_next(request: HttpRequest, fallback: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or fallback
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
def second_factor_required(request: HttpRequest) -> HttpResponse:
    """Explains, in plain words, the one-time setup officials must do before their first official page."""
    if not is_official(request.user) or session_has_second_factor(request):
        return redirect(_safe_next(request))
    context = {
        "next": _safe_next(request),
        "needs_password": needs_password(request),
        "needs_factor": not has_second_factor(request.user),
    }
    return render(request, "accounts/second_factor_required.html", context)


@login_required
def details(request: HttpRequest) -> HttpResponse:
    """Anyone signed in changes their own name and the language of their emails: whoever signed the address
    up first chose them, and it may not have been its owner."""
    user = request.user
    initial = {"full_name": user.full_name, "preferred_language": user.preferred_language}
    form = PersonDetailsForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        user_details_update(
            user=user,
            full_name=form.cleaned_data["full_name"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        messages.success(request, _("Your name and email language are saved."))
        return redirect("accounts:details")
    return render(request, "accounts/details.html", {"form": form})


@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Django's set_language, which also remembers the choice for a signed-in person's emails."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if (
        request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and request.user.preferred_language != language
    ):
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    return response


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """Replaces the admin's own password form, which knows nothing of the second factor."""
    next_url = _safe_next(request, reverse("admin:index"))
    if not request.user.is_authenticated:
        return redirect_to_login(next_url, login_url=reverse("account_login"))
    if admin.site.has_permission(request):
        return redirect(next_url)
    raise PermissionDenied
