"""The error page for a lost database: rendered from a template alone, as no query can run.

Django sends every uncaught exception here (handler500), whether a view, a middleware or the session
save at the end of the request raised it. A database that went away gets a 503 that says so; the
transaction of the request was never committed, so nothing is half-written. Anything else keeps
Django's plain 500.
"""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views import defaults

DATABASE_GONE = (OperationalError, InterfaceError)
# A database restart or fail-over usually takes well under a minute.
RETRY_AFTER_SECONDS = 30


def _database_gone(error: BaseException | None) -> bool:
    while error is not None:
        if isinstance(error, DATABASE_GONE):
            return True
        error = error.__cause__ or error.__context__
    return False


def server_error(request: HttpRequest, template_name: str = defaults.ERROR_500_TEMPLATE_NAME):
    if not _database_gone(sys.exc_info()[1]):
        return defaults.server_error(request, template_name)
    # No request in the context: no context processor (user, messages) may reach for the database.
    html = render_to_string(
        "core/unavailable.html",
        {"LANGUAGE_CODE": translation.get_language(), "municipality_name": settings.MUNICIPALITY_NAME},
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
