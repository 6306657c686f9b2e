"""A counter of the writes committed to the database: copies of signed-in pages are kept under it.

Every statement Django sends that is not a plain read (an INSERT, UPDATE or DELETE that changed a row, a
TRUNCATE, raw SQL, a migration) marks its connection; when its transaction commits (at once outside one)
the counter in the cache goes up, and a copy made under an older counter is never served again. It is
watched where every write passes, the database connection, so bulk writes, `QuerySet.update`, raw SQL and
the admin count as much as a saved model; a rolled-back transaction does not count. A write made outside
Django (psql by hand) shows when the copies expire (SIGNED_IN_PAGE_CACHE_SECONDS). A write committed while
the cache cannot be reached is owed to it: the process that made it serves and keeps no copy until the
counter has moved; other processes may serve a copy made before it until the copy expires.

Rows no kept page shows do not count: the sessions, written when a session slides, allauth's record of
a session's last activity, and the outbox's messages, claimed and marked sent one by one; without that
every signed-in visitor would empty everyone's copies once a minute, and every mail sent once more. A
page that reads one of those tables while it is kept is not stored (`watching_reads`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created

KEY = "writes:version"
# Tables whose writes do not make a kept page old, because no kept page reads them (checked as it renders).
UNCOUNTED_TABLES = ("django_session", "usersessions_usersession", "notifications_notification")
# Statements that change nothing; anything else counts, an unknown statement included.
_READS = frozenset({"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "SHOW", "PRAGMA"})
_FIRST_WORD = re.compile(r"[\s(]*(\w+)")  # a UNION of reads begins "(SELECT"
_TARGET = re.compile(r'\s*(INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_UNCOUNTED_QUOTED = tuple(f'"{table}"' for table in UNCOUNTED_TABLES)
# Attributes kept on a connection (a DatabaseWrapper, one per thread and alias).
_WATCHING = "_samskab_watching_reads"
_WRITES = "_samskab_writes"
# A write the cache could not be told of (it was away): until it has been, this process keeps no copy.
_owed = False


def current() -> int | None:
    """The counter now, started at a random value when the cache lost it; None while the cache is away
    or this process owes it a write it could not tell (`owed`)."""
    if owed():
        return None
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, secrets.randbits(48), timeout=None)
        version = cache.get(KEY)
    return version


def bump() -> None:
    """Make every kept copy old. A lost counter starts again at a random value, never an old one. When
    the cache cannot be told, this process owes it the news and serves and keeps nothing until it has."""
    global _owed
    try:
        cache.incr(KEY)
    except ValueError:  # never set, evicted, or the cache is away (config/cache.py)
        cache.set(KEY, secrets.randbits(48), timeout=None)
        if cache.get(KEY) is None:
            _owed = True
            return
    _owed = False


def owed() -> bool:
    """Whether a write this process made has not reached the counter yet; telling it again first."""
    if _owed:
        bump()
    return _owed


def writes(alias: str = DEFAULT_DB_ALIAS) -> int:
    """How many counted writes this thread's connection has sent: a kept view compares before and after."""
    return getattr(connections[alias], _WRITES, 0)


@contextmanager
def watching_reads(alias: str = DEFAULT_DB_ALIAS) -> Iterator[list[bool]]:
    """While inside, note whether a statement reads an uncounted table; the list holds one flag."""
    connection = connections[alias]
    flag = [False]
    setattr(connection, _WATCHING, flag)
    try:
        yield flag
    finally:
        setattr(connection, _WATCHING, None)


def _counts(sql: str, changed_rows: int) -> bool:
    first = _FIRST_WORD.match(sql)
    if first is None:
        return True  # a comment first, or anything unforeseen
    if first.group(1).upper() in _READS:
        return False
    target = _TARGET.match(sql)
    if target is None:
        return True  # TRUNCATE, a CTE, DDL, anything unforeseen
    if target.group(2) in UNCOUNTED_TABLES:
        return False
    if target.group(1).upper().startswith("INSERT"):
        return True  # with RETURNING, SQLite tells the rows only as they are fetched
    return changed_rows != 0  # an UPDATE or DELETE that matched nothing changed nothing (-1: unknown)


def on_commit_once(callback, connection) -> None:
    """Run `callback` when the connection's transaction commits, once however many writes ask for it."""
    if not any(queued is callback for _ids, queued, _robust in connection.run_on_commit):
        connection.on_commit(callback, robust=True)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    connection = context["connection"]
    flag = getattr(connection, _WATCHING, None)
    if flag is not None and not flag[0] and any(table in sql for table in _UNCOUNTED_QUOTED):
        flag[0] = True
    cursor = context.get("cursor")
    if _counts(sql, getattr(cursor, "rowcount", -1)):
        setattr(connection, _WRITES, getattr(connection, _WRITES, 0) + 1)
        if connection.in_atomic_block:
            on_commit_once(bump, connection)
        else:  # committed already (or, under manual transactions, about to be)
            bump()
    return result


def _install(sender, connection, **kwargs) -> None:
    # First in the list: `connection.execute_wrapper()` takes the last one away when its block ends, and
    # a connection may be made inside such a block (a query counter's).
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


def connect() -> None:
    """From CoreConfig.ready(): every database connection, made now or later, is watched."""
    connection_created.connect(_install, dispatch_uid="core.write_version", weak=False)
    for connection in connections.all(initialized_only=True):
        _install(None, connection)
