"""The pages of open data for people: the API's documentation and the list of bulk packages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse


def api_docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI on the live schema, from static files (no CDN; no inline script under our CSP)."""
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})
