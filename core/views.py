"""The site's own pages: the privacy notice and the accessibility statement."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.models import AccessibilityStatement, PrivacyNotice


def privacy(request: HttpRequest) -> HttpResponse:
    notice = PrivacyNotice.objects.current()
    if notice is None:
        raise Http404("No privacy notice is published.")
    return render(request, "core/privacy.html", {"notice": notice})


def accessibility(request: HttpRequest) -> HttpResponse:
    statement = AccessibilityStatement.objects.first()
    if statement is None:
        raise Http404("No accessibility statement is published.")
    return render(request, "core/accessibility.html", {"statement": statement})
