"""Who is signed in, read from the cache while nothing has been written to the database since.

Django reads the person's row on every request to check the session against their password, and the
officials' guard asks for their roles, their TOTP and an official's seat: three round trips before a
page begins. The answer changes only with a write (a new password, a removed role, a deactivated
account), so it is kept under the counter of committed writes to the tables it is read from
(core.write_version's PERSON_COUNTER: the person, their roles, their authenticators, the seats the
apps name) with the session hash Django checks, and a write to any of them makes it old. An answer
that read any other table is not kept. The password's hash is never kept, nor the last sign-in time
(so a sign-in, which writes only that, leaves everyone kept): the person is rebuilt with them deferred
(saving them leaves them untouched; reading them asks the database), and the
guard reads whether it is usable from the kept answer. A session whose hash does not match, a backend
not configured, or a cache away: Django's own `get_user` decides, as always.
"""

from __future__ import annotations

import functools
import hashlib

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user, get_user_model
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS
from django.utils.crypto import constant_time_compare
from django.utils.functional import SimpleLazyObject

from accounts.roles import (
    OFFICIAL_SEAT_READ,
    PASSWORD_USABLE_READ,
    PERSON_COUNTER,
    ROLES_READ,
    TOTP_READ,
    is_official,
)
from accounts.second_factor import guards_read
from core import write_version

KEPT_READS = (ROLES_READ, TOTP_READ, OFFICIAL_SEAT_READ, PASSWORD_USABLE_READ)
# Columns left deferred in the kept person: reading them asks the database. The password's hash is never
# in the cache; the last sign-in changes with every sign-in, which does not make the kept person old.
NOT_KEPT = ("password", "last_login")


def person_tables_declare() -> None:
    """The tables Django and the guard read the person from (AccountsConfig.ready)."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth.models import Group

    user = get_user_model()
    tables = [user._meta.db_table, user.groups.through._meta.db_table, Group._meta.db_table]
    # A sign-in writes only its time, which is never kept (NOT_KEPT): anyone's sign-in leaves the others.
    last_sign_in = f"{user._meta.db_table}.{user._meta.get_field('last_login').column}"
    write_version.count_also(
        PERSON_COUNTER, [*tables, Authenticator._meta.db_table], except_columns=[last_sign_in]
    )


def _seconds() -> int:
    return getattr(settings, "SIGNED_IN_PAGE_CACHE_SECONDS", 0)


def _secret_digest() -> str:
    return hashlib.sha256(settings.SECRET_KEY.encode()).hexdigest()[:16]


@functools.cache
def _fields() -> tuple[str, ...]:
    """The person's columns but the password, named in every entry: an entry kept by a process that knew
    other columns (a deploy under way) is never read into the wrong ones."""
    return tuple(f.attname for f in get_user_model()._meta.concrete_fields if f.attname not in NOT_KEPT)


def _kept(user, *, backend: str, version: int) -> dict:
    guards_read(user)
    is_official(user)  # what the guard asks next: an official's seat only of someone without a role
    setattr(user, PASSWORD_USABLE_READ, user.has_usable_password())
    return {
        "version": version,
        "backend": backend,
        "session_hash": user.get_session_auth_hash(),
        "fields": _fields(),
        "values": [getattr(user, name) for name in _fields()],
        "reads": {name: getattr(user, name, None) for name in KEPT_READS},  # None: not read, asked if needed
    }


def _rebuilt(entry: dict):
    user = get_user_model().from_db(DEFAULT_DB_ALIAS, _fields(), entry["values"])  # NOT_KEPT deferred
    for name, value in entry["reads"].items():
        setattr(user, name, value)
    return user


def kept_user(request):
    """The signed-in person as `django.contrib.auth.get_user` would answer, from the cache when it can."""
    session = request.session
    user_id, backend = session.get(SESSION_KEY), session.get(BACKEND_SESSION_KEY)
    session_hash = session.get(HASH_SESSION_KEY)
    if (
        _seconds() <= 0
        or user_id is None
        or backend not in settings.AUTHENTICATION_BACKENDS
        or not session_hash
        or write_version.owed()
    ):
        return get_user(request)
    key = f"identity:{_secret_digest()}:{user_id}"  # a new SECRET_KEY ends every kept session check
    counter = write_version.key(PERSON_COUNTER)
    found = cache.get_many([counter, key])
    version, entry = found.get(counter), found.get(key)
    if (
        version is not None
        and entry is not None
        and entry["version"] == version
        and entry["backend"] == backend
        and entry.get("fields") == _fields()
        and constant_time_compare(entry["session_hash"], session_hash)
    ):
        return _rebuilt(entry)
    if version is None:  # read before the person is, so a write meanwhile makes it old
        version = write_version.current(PERSON_COUNTER)
    with write_version.watching_reads() as read:
        user = get_user(request)
        kept = _kept(user, backend=backend, version=version) if user.is_authenticated else None
    if (
        version is not None
        and kept is not None
        and str(user.pk) == str(user_id)
        and read <= write_version.scope_tables(PERSON_COUNTER)  # nothing else it was read from
    ):
        cache.set(key, kept, timeout=_seconds())
    return user


class KeptAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's AuthenticationMiddleware, reading the person through `kept_user`."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: kept_user(request))
