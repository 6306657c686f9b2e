"""Every endpoint costs the same number of queries with one committee as with fifty committees and two
thousand applications and contributions behind them (DESIGN.md §3: reads with a constant query count)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api import volume

pytestmark = pytest.mark.django_db

LISTS = [
    "bodies", "mandates", "committees", "meetings", "calls", "deliverables", "decisions", "actions",
    "consultations", "contributions", "evaluations",
]  # fmt: skip


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, (path, response.content[:300])
    return len(captured)


def _costs(client) -> dict[str, int]:
    costs = {}
    for resource in LISTS:
        costs[resource] = _queries(client, f"/api/v1/{resource}/?page_size=200")
        answer = client.get(f"/api/v1/{resource}/").json()
        first = (answer if isinstance(answer, list) else answer["results"])[0]  # evaluations: not paged
        costs[f"{resource} detail"] = _queries(client, first["url"])
    return costs


def test_each_endpoint_costs_the_same_queries_however_much_data_there_is(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"api": ""}
    volume.committees(1)
    small = _costs(client)
    volume.committees(50, applications=2000, contributions=2000)
    large = _costs(client)
    print(large)  # docs/open-data.md lists these numbers
    assert large == small
