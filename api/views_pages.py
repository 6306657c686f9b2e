"""The pages of open data for people: the API's documentation and the list of bulk packages."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from api import package


def api_docs(request: HttpRequest) -> HttpResponse:
    """Swagger UI on the live schema, from static files (no CDN; no inline script under our CSP)."""
    return render(request, "api/docs.html", {"schema_url": reverse("api:schema")})


def not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """An address under /api/ that names no resource, or an id that is no number."""
    from django.utils import translation
    from django.utils.translation import gettext as _

    from api.problems import PROBLEM_TYPE, problem_body

    with translation.override(translation.get_language_from_request(request)):
        body = problem_body(404, _("There is no public record at this address."))
    return JsonResponse(body, status=404, content_type=PROBLEM_TYPE)


def downloads(request: HttpRequest) -> HttpResponse:
    """The latest open-data packages, newest first, with their sizes."""
    return render(request, "api/downloads.html", {"packages": package.packages()})


def latest(request: HttpRequest) -> HttpResponse:
    """`/open-data/latest.zip`: the newest package, for scripts that always want today's."""
    newest = next(iter(package.packages()), None)
    if newest is None:
        raise Http404("No package yet.")
    return redirect("api:download", name=newest.name)


def download(request: HttpRequest, name: str) -> FileResponse:
    found = next((p for p in package.packages() if p.name == name), None)
    if found is None:
        raise Http404("No such package.")
    return FileResponse(
        found.path.open("rb"), as_attachment=True, filename=found.name, content_type="application/zip"
    )
