"""The matching page's worked-out proposal, kept between requests like the dashboard's pool.

Running the engine over 2,000 applicants and rendering their seats and reserves took seconds a request, the
same seconds for every reader of the call. What the page shows of the proposal depends on the call's
applications and ratings (the pool's version, recruitment.review.pool_version), on the call, its mandate
and profiles (the public pages' version), on the pins and exclusions asked for, on whether the reader may
decide (the pin and leave-out boxes), on whether every reserve is shown, and on the language. So it is
kept under all of those, for at most the pool's POOL_SECONDS, for anything written outside the services.
What depends on the request (the token of the confirmation form, what someone typed, the call's state)
is put in afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.utils import translation

from recruitment.models import Call
from recruitment.review.pool_cache import POOL_SECONDS
from recruitment.review.pool_version import pool_versions


def _key(call: Call, *, pins, exclusions, can_decide: bool, all_reserves: bool) -> str | None:
    versions = pool_versions(call.pk)
    if versions is None:  # no cache to keep it in
        return None
    asked = hashlib.sha256(repr((sorted(pins), sorted(exclusions))).encode()).hexdigest()[:32]
    language = translation.get_language()
    shown = f"{int(can_decide)}{int(all_reserves)}"
    return f"recruitment:matching:{call.pk}:{versions}:{language}:{shown}:{asked}"


def matching_worked_out(
    call: Call,
    *,
    pins,
    exclusions,
    can_decide: bool,
    all_reserves: bool,
    work_out: Callable[[], dict | None],
) -> dict | None:
    """What `work_out()` gives (the page's proposal, rendered), from the cache when it was kept; None when
    the engine could not finish, which is never kept."""
    key = _key(call, pins=pins, exclusions=exclusions, can_decide=can_decide, all_reserves=all_reserves)
    found = cache.get(key) if key else None
    if found is not None:
        return found
    worked = work_out()  # an application or rating written meanwhile moved the version: never served
    if worked is not None and key:
        cache.set(key, worked, timeout=POOL_SECONDS)
    return worked
