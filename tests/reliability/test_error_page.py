"""The error handler: a lost database is a 503 page made without the database; any other error stays 500."""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from django.test import RequestFactory
from django.utils import translation

from core.errors import server_error


def handled(error: Exception):
    request = RequestFactory().get("/")
    try:
        raise error
    except Exception:
        return server_error(request)


def test_a_lost_database_connection_gives_a_503_page_that_asks_to_try_again_later():
    with translation.override("en"):
        for error in (OperationalError("server closed the connection"), InterfaceError("connection closed")):
            response = handled(error)
            assert response.status_code == 503
            assert response["Retry-After"] == "30"
            assert "We cannot reach our database right now" in response.content.decode()


def test_a_database_error_behind_another_error_still_counts_as_a_lost_database():
    try:
        raise OperationalError("the connection is gone")
    except OperationalError as cause:
        wrapped = RuntimeError("rendering failed")
        wrapped.__cause__ = cause
    assert handled(wrapped).status_code == 503


def test_any_other_error_keeps_the_plain_500_page():
    assert handled(ValueError("a bug")).status_code == 500
