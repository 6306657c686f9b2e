"""The official roles, held as auth groups. Citizens are ordinary users without a role."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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


def user_roles(user) -> frozenset[str]:
    """The role names a user holds, read once per request object."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_samskab_roles", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=OFFICIAL_ROLES).values_list("name", flat=True))
        user._samskab_roles = cached
    return cached


def has_role(user, role: str) -> bool:
    return role in user_roles(user)


def is_official(user) -> bool:
    """Officials see personal data, so they sign in with a password and a second factor."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.is_staff or bool(user_roles(user))


def is_council_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (
        user.is_superuser or (user.is_staff and has_role(user, COUNCIL_STAFF))
    )
