"""The version of each call's worked-out review pool (recruitment.review.pool_cache): the services that
write an application or a rating of a call move it on, so the dashboard works the pool out again."""

from __future__ import annotations

import secrets
from functools import partial

from django.core.cache import cache
from django.db import transaction

from core.cache import VERSION_KEY as PUBLIC_VERSION_KEY


def version_key(call_id: int) -> str:
    return f"recruitment:pool-version:{call_id}"


def bump(call_id: int) -> None:
    """A new random version, never an old one, even when the cache lost the last."""
    cache.set(version_key(call_id), secrets.randbits(48), timeout=None)


def pool_versions(call_id: int) -> str | None:
    """What everything kept for a call's review depends on: the call's pool version (set now when the cache
    has none) and the public pages' version, in one read; None when there is no cache to keep anything in."""
    found = cache.get_many([version_key(call_id), PUBLIC_VERSION_KEY])
    version = found.get(version_key(call_id))
    if version is None:
        bump(call_id)
        version = cache.get(version_key(call_id))
    if version is None:
        return None
    return f"{version}:{found.get(PUBLIC_VERSION_KEY)}"


def review_pool_changed(call_id: int) -> None:
    """Call inside the transaction that writes an application or a rating of the call: pools worked out
    from now on are not kept under the old version, and those worked out before the commit are not kept."""
    bump(call_id)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    if any(
        getattr(callback, "pool_call_id", None) == call_id for _ids, callback, _r in connection.run_on_commit
    ):
        return
    again = partial(bump, call_id)
    again.pool_call_id = call_id
    transaction.on_commit(again, robust=True)
