"""The official roles, held as auth groups. Citizens are ordinary users without a role."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils.translation import gettext_lazy as _

from core import write_version

COUNCIL_STAFF = "Council staff"
POLITICIAN = "Politician"
FACILITATOR = "Facilitator"

# Group names are identifiers (created by a data migration); these are what people read.
ROLE_LABELS = {
    COUNCIL_STAFF: _("Council staff"),
    POLITICIAN: _("Politician"),
    FACILITATOR: _("Facilitator"),
}
OFFICIAL_ROLES = tuple(ROLE_LABELS)
# The two account flags that are roles too; the audit trail names them beside the groups.
STAFF_STATUS = "staff status"
SUPERUSER = "superuser"
FLAG_LABELS = {STAFF_STATUS: _("Staff status"), SUPERUSER: _("Superuser")}


def role_label(name: str):
    """What people read for a role or flag name."""
    return ROLE_LABELS.get(name) or FLAG_LABELS.get(name) or name


# The names under which a user object keeps what was read about it once (set and read with getattr and
# setattr, which a request's lazy user passes on to the user it wraps).
ROLES_READ = "_samskab_roles"
OFFICIAL_SEAT_READ = "_samskab_official_seat"
TOTP_READ = "_samskab_has_totp"  # whether they had TOTP when the request began (accounts.second_factor)
PASSWORD_USABLE_READ = "_samskab_password_usable"  # kept with the person (accounts.identity)
# The counter of writes to the tables all of that is read from (core.write_version): the signed-in person
# is kept under it (accounts.identity). The tables are named by the apps that read them.
PERSON_COUNTER = "person"


def user_roles(user) -> frozenset[str]:
    """The role names a user holds, read once per request object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, ROLES_READ, None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=OFFICIAL_ROLES).values_list("name", flat=True))
        setattr(user, ROLES_READ, cached)
    return cached


def has_role(user, role: str) -> bool:
    return role in user_roles(user)


# Rooms above this floor may say that a person holds an official's seat (committees: an active politician's
# or facilitator's membership). Such a person is an official whatever their groups say, so a seat given to
# the wrong account, or kept after its role was removed, still asks for password and second factor.
_OFFICIAL_SEAT_CHECKS: list[Callable[[object], bool]] = []


def official_seat_check_register(check: Callable[[object], bool], *, tables: Iterable[str]) -> None:
    """Called from an AppConfig.ready() above this floor; `check(user)` answers with one query at most,
    reading `tables` only (a write to them makes the kept person old)."""
    if check not in _OFFICIAL_SEAT_CHECKS:
        _OFFICIAL_SEAT_CHECKS.append(check)
    write_version.count_also(PERSON_COUNTER, tables)


def holds_official_seat(user) -> bool:
    """Read once per request object, like the roles."""
    cached = getattr(user, OFFICIAL_SEAT_READ, None)
    if cached is None:
        cached = any(check(user) for check in _OFFICIAL_SEAT_CHECKS)
        setattr(user, OFFICIAL_SEAT_READ, cached)
    return cached


def is_official(user) -> bool:
    """Officials see personal data, so they sign in with a password and a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.is_staff or bool(user_roles(user)) or holds_official_seat(user)


def is_council_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or (user.is_staff and has_role(user, COUNCIL_STAFF))
    )
