"""Errors as RFC 9457 problem details (`application/problem+json`): a type, a title, the status and what
was wrong, in the reader's language. Nothing the client sent is ever answered with a 500."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_TYPE = "application/problem+json"


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_TYPE
    format = "problem"


def _titles() -> dict[int, str]:
    return {
        400: _("The request has a parameter the API cannot use."),
        404: _("There is no public record at this address."),
        405: _("The API only reads: use GET."),
        406: _("The API answers in JSON only."),
        429: _("Too many requests from your address."),
    }


def _detail(exc: exceptions.APIException) -> tuple[str, dict | None]:
    """A sentence for people, and the parameters that were wrong (name -> messages) for programs."""
    if isinstance(exc, exceptions.Throttled):
        return _("Wait %(seconds)s seconds before you ask again.") % {"seconds": exc.wait or 60}, None
    detail = exc.detail
    if isinstance(detail, dict):
        fields = {str(k): [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()}
        return _("Check the parameters named in “invalid_params”."), fields
    if isinstance(detail, list):
        return " ".join(str(m) for m in detail), None
    return str(detail), None


def problem_body(status_code: int, detail: str, *, fields: dict | None = None) -> dict:
    body = {
        "type": "about:blank",
        "title": _titles().get(status_code, _("The request could not be answered.")),
        "status": status_code,
        "detail": detail,
    }
    if fields:
        body["invalid_params"] = [{"name": name, "reason": " ".join(msgs)} for name, msgs in fields.items()]
    return body


def problem_response(status_code: int, detail: str, *, fields: dict | None = None, headers=None) -> Response:
    body = problem_body(status_code, detail, fields=fields)
    return Response(body, status=status_code, headers=headers, content_type=PROBLEM_TYPE)


def problem_handler(exc, context) -> Response | None:
    """DRF's exception handler. Programs send no language cookie, so a problem follows the client's
    Accept-Language (the site's pages open in Danish whatever the browser says)."""
    request = context.get("request")
    language = translation.get_language_from_request(request._request) if request is not None else None
    with translation.override(language or translation.get_language()):
        return _problem(exc, context)


def _problem(exc, context) -> Response | None:
    if isinstance(exc, ValidationError):  # a model's or a parser's, raised below the API
        exc = exceptions.ValidationError(exc.message_dict if hasattr(exc, "error_dict") else exc.messages)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("There is no public record at this address."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.NotFound(_("There is no public record at this address."))  # 404, never 403
    response = exception_handler(exc, context)
    if response is None:
        return None
    detail, fields = _detail(exc)
    headers = {k: v for k, v in response.headers.items() if k in ("Retry-After", "Allow")}
    problem = problem_response(response.status_code, detail, fields=fields, headers=headers)
    request = context.get("request")
    if request is not None:
        # The negotiated renderer may be one the client asked for and cannot have (a 406): answer in JSON.
        request.accepted_renderer = ProblemJSONRenderer()
        request.accepted_media_type = PROBLEM_TYPE
    return problem


__all__ = ["PROBLEM_TYPE", "ProblemJSONRenderer", "problem_handler", "problem_response", "status"]
