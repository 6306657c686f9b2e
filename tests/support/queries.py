"""Counting the queries a page costs, to show the count does not grow with the data."""

from __future__ import annotations

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext


def queries_for_page(client, url: str, *, savepoints: bool = True) -> int:
    """Queries of one GET of `url`, after a first GET so session bookkeeping is the same every time.

    savepoints=False leaves out SAVEPOINT and RELEASE: they exist only because each test runs inside a
    transaction, so what is left is what the page costs in production (where bench/ counts the same)."""
    client.get(url)
    reset_queries()  # a long setup can fill Django's query log, and a full log captures nothing
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(statements(captured, savepoints=savepoints))


def statements(captured: CaptureQueriesContext, *, savepoints: bool = True) -> list[dict]:
    """The captured statements; savepoints=False leaves out SAVEPOINT and RELEASE (see above)."""
    if savepoints:
        return list(captured)
    return [q for q in captured if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
