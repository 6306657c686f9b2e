"""The pages of open data for people: the API's documentation and the list of bulk packages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse


def api_docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI on the live schema, from static files (no CDN; no inline script under our CSP)."""
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})


def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """An address under /api/ that names no resource, or an id that is no number."""
    from django.utils.translation import gettext as _

    from api.problems import PROBLEM_TYPE, problem_body

    body = problem_body(404, _("There is no public record at this address."))
    return JsonResponse(body, status=404, content_type=PROBLEM_TYPE)
