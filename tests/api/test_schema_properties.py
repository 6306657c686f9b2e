"""Schemathesis against the live schema: for every operation and parameter, generated requests get no 5xx,
and every answer matches the schema (status, content type, headers, body).

A request the schema allows may still be refused with a 400 problem: a cursor is only valid when the API
made it, and a string cannot say that. So the check "valid data is accepted" is left out; the others run.
Bounded to a few examples per operation, so the whole module stays well under a minute and a half."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _connection_kept_between_requests():
    """As Django's test client does: a request through the WSGI handler must not close the test's
    database connection (and with it the transaction the data lives in) when it finishes."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=6,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
    deadline=None,
    derandomize=True,
)
def test_every_operation_answers_within_its_schema_and_never_fails(case, demo):
    case.call_and_validate(
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_headers_conformance,
            response_schema_conformance,
        ]
    )
