"""Counting the queries a page costs, to show the count does not grow with the data."""

from __future__ import annotations

from django.conf import settings
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext

SESSION_READ = 'SELECT "django_session"."session_key"'


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
    """The captured statements; savepoints=False leaves out SAVEPOINT and RELEASE (see above), and the
    read of the session when it is read from the database: without Redis (SQLite, no REDIS_URL) the tests
    keep sessions there only, while production reads them from Redis (`cached_db`)."""
    if savepoints:
        return list(captured)
    session_from_the_database = settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    return [
        q
        for q in captured
        if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
        and not (session_from_the_database and q["sql"].startswith(SESSION_READ))
    ]
