"""Data built once for a test module, in a transaction rolled back when the module is done; each test runs
in its own savepoint on top, so what a test writes is gone before the next one."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import transaction

T = TypeVar("T")


@contextmanager
def kept_for_the_module(django_db_blocker, build: Callable[[], T]) -> Iterator[T]:
    """In a module-scoped fixture: `with kept_for_the_module(django_db_blocker, build_world) as world`."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
