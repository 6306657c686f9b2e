"""Counting the queries a page costs, to show the count does not grow with the data."""

from __future__ import annotations

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext


def queries_for_page(client, url: str) -> int:
    """Queries of one GET of `url`, after a first GET so session bookkeeping is the same every time."""
    client.get(url)
    reset_queries()  # a long setup can fill Django's query log, and a full log captures nothing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(captured)
