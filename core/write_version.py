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

What changes with a few tables only has a counter of its own besides (`count_also`): the signed-in
person is kept under the counter of the tables the guard reads them from, so an application sent or a
score given does not make every person be read again. A write whose table is unknown moves them all.
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.signals import connection_created

KEY = "writes:version"
# Tables whose writes do not make a kept page old, because no kept page reads them (checked as it renders).
UNCOUNTED_TABLES = ("django_session", "usersessions_usersession", "notifications_notification")
# Statements that change nothing; anything else counts, an unknown statement included.
_READS = frozenset(
    {"SELECT", "SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN", "COMMIT", "SET", "RESET", "SHOW", "PRAGMA"}
)
_FIRST_WORD = re.compile(r"[\s(]*(\w+)")  # a UNION of reads begins "(SELECT"
_TARGET = re.compile(r'\s*(INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_TABLES_NAMED = re.compile(r'(?:FROM|JOIN)\s+"(\w+)"')  # Django quotes every table it reads
# Attributes kept on a connection (a DatabaseWrapper, one per thread and alias).
_WATCHING = "_samskab_watching_reads"
_WRITES = "_samskab_writes"
# Counters of their own (`count_also`): name -> the tables whose writes move it, and the columns an
# UPDATE may set alone without moving it.
_scopes: dict[str, set[str]] = {}
_except_columns: dict[tuple[str, str], set[str]] = {}
_UPDATE_SET = re.compile(r'\s*UPDATE\s+"\w+"\s+SET\s+(.*?)\s+WHERE\s', re.DOTALL)
_COLUMN_SET = re.compile(r'"(\w+)"\s*=')
# Writes the cache could not be told of (it was away), by counter (None: the whole one): until they have
# been, this process keeps no copy and reads every person afresh.
_owed: set[str | None] = set()


def key(scope: str | None = None) -> str:
    """The cache key of the whole counter, or of a scope's own (`count_also`)."""
    return KEY if scope is None else f"{KEY}:{scope}"


def count_also(scope: str, tables: Iterable[str], *, except_columns: Iterable[str] = ()) -> None:
    """Writes to `tables` move the counter `scope` too (each write moves the whole one), except an UPDATE
    that sets only `except_columns` ("table.column": what the scope's keepers never keep). Called from
    an AppConfig.ready(), so every process (web and Celery) knows the tables before it writes."""
    _scopes.setdefault(scope, set()).update(tables)
    for name in except_columns:
        table, column = name.rsplit(".", 1)
        _except_columns.setdefault((scope, table), set()).add(column)
    _bumpers.setdefault(scope, functools.partial(bump, scope))


def _moves(scope: str, tables: set[str], table: str | None, sql: str) -> bool:
    if table is None:
        return True
    if table not in tables:
        return False
    excepted = _except_columns.get((scope, table))
    if not excepted:
        return True
    found = _UPDATE_SET.match(sql)
    columns = set(_COLUMN_SET.findall(found.group(1))) if found else set()
    return not columns or not columns <= excepted  # an UPDATE Django writes as it always does, or it moves


def scope_tables(scope: str) -> frozenset[str]:
    return frozenset(_scopes.get(scope, ()))


def current(scope: str | None = None) -> int | None:
    """A counter now, started at a random value when the cache lost it; None while the cache is away
    or this process owes it a write it could not tell (`owed`)."""
    if owed():
        return None
    version = cache.get(key(scope))
    if version is None:
        cache.add(key(scope), secrets.randbits(48), timeout=None)
        version = cache.get(key(scope))
    return version


def bump(scope: str | None = None) -> None:
    """Make every copy kept under a counter old. A lost counter starts again at a random value, never an
    old one. When the cache cannot be told, this process owes it the news and serves and keeps nothing
    until it has."""
    try:
        cache.incr(key(scope))
    except ValueError:  # never set, evicted, or the cache is away (config/cache.py)
        cache.set(key(scope), secrets.randbits(48), timeout=None)
        if cache.get(key(scope)) is None:
            _owed.add(scope)
            return
    _owed.discard(scope)


def bump_all() -> None:
    """Every counter, the whole and each of its own: after a change made beside Samskab (psql, a backup
    restored), which no connection of ours saw."""
    for scope in (None, *_scopes):
        bump(scope)


# One callable per counter, the same object each time, so a transaction asks for each count once.
_bumpers: dict[str | None, object] = {None: bump}


def is_count(callback) -> bool:
    """Whether an on-commit callback is one that moves a counter (the tests' `committed` fixture)."""
    return any(callback is bumper for bumper in _bumpers.values())


def owed() -> bool:
    """Whether a write this process made has not reached its counter yet; telling it again first."""
    for scope in list(_owed):
        bump(scope)
    return bool(_owed)


def writes(alias: str = DEFAULT_DB_ALIAS) -> int:
    """How many counted writes this thread's connection has sent: a kept view compares before and after."""
    return getattr(connections[alias], _WRITES, 0)


@contextmanager
def watching_reads(alias: str = DEFAULT_DB_ALIAS) -> Iterator[set[str]]:
    """While inside, collect the tables the statements read (FROM and JOIN), and those of uncounted
    writes, in the set given. Blocks may nest (a person read while a page is kept): each sees what was
    read inside it."""
    connection = connections[alias]
    tables: set[str] = set()
    watching = getattr(connection, _WATCHING, None) or []
    setattr(connection, _WATCHING, [*watching, tables])
    try:
        yield tables
    finally:
        setattr(connection, _WATCHING, watching)


@functools.cache
def _tables() -> frozenset[str]:
    """The tables of every installed model, many-to-many tables included."""
    from django.apps import apps

    return frozenset(model._meta.db_table for model in apps.get_models(include_auto_created=True))


def _counted(sql: str, changed_rows: int) -> tuple[bool, str | None]:
    """(whether the statement counts as a write, its table if known)."""
    first = _FIRST_WORD.match(sql)
    if first is None:
        return True, None  # a comment first, or anything unforeseen
    if first.group(1).upper() in _READS:
        return False, None
    target = _TARGET.match(sql)
    if target is None:
        return True, None  # TRUNCATE, a CTE, DDL, anything unforeseen
    table = target.group(2)
    if table not in _tables():
        return True, None  # a schema-qualified name, ONLY, OR IGNORE: not a table we know, so unknown
    if table in UNCOUNTED_TABLES:
        return False, table
    if target.group(1).upper().startswith("INSERT"):
        return True, table  # with RETURNING, SQLite tells the rows only as they are fetched
    return changed_rows != 0, table  # an UPDATE or DELETE that matched nothing changed nothing (-1: unknown)


def on_commit_once(callback, connection) -> None:
    """Run `callback` when the connection's transaction commits, once however many writes ask for it."""
    if not any(queued is callback for _ids, queued, _robust in connection.run_on_commit):
        connection.on_commit(callback, robust=True)


def _watch(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    connection = context["connection"]
    watching = getattr(connection, _WATCHING, None)
    cursor = context.get("cursor")
    counts, table = _counted(sql, getattr(cursor, "rowcount", -1))
    if watching:
        named = [*_TABLES_NAMED.findall(sql), *([table] if table else [])]  # read, or written uncounted
        for tables in watching:
            tables.update(named)
    if counts:
        setattr(connection, _WRITES, getattr(connection, _WRITES, 0) + 1)
        moved = [None, *(scope for scope, tables in _scopes.items() if _moves(scope, tables, table, sql))]
        for scope in moved:
            if connection.in_atomic_block:
                on_commit_once(_bumpers[scope], connection)
            else:  # committed already (or, under manual transactions, about to be)
                bump(scope)
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
