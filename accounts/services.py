"""Writes to people's accounts: their official roles (superusers, or the identity provider at sign-in) and
their own details."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import OFFICIAL_SEAT_READ, ROLES_READ, STAFF_STATUS, SUPERUSER, TOTP_READ
from audit.services import log


@dataclass(frozen=True)
class RoleChange:
    granted: frozenset[str] = field(default_factory=frozenset)
    removed: frozenset[str] = field(default_factory=frozenset)

    def __bool__(self) -> bool:
        return bool(self.granted or self.removed)


def _roles_held(user: User) -> frozenset[str]:
    held = set(user.groups.values_list("name", flat=True)) if user.pk else set()
    if user.is_staff:
        held.add(STAFF_STATUS)
    if user.is_superuser:
        held.add(SUPERUSER)
    return frozenset(held)


# The trail's word for roles the identity provider's claims gave or took at single sign-on (accounts/sso/).
VIA_SIGN_ON = "single sign-on"


@transaction.atomic
def user_roles_set(
    *,
    user: User,
    by: User | None,
    groups: Iterable[Group],
    is_staff: bool,
    is_superuser: bool,
    via_sign_on: bool = False,
) -> RoleChange:
    """Give `user` exactly these groups and flags. Only a superuser manages roles, and each role granted or
    removed is one entry in the audit trail, with who and when.

    `via_sign_on`: the municipality's identity provider decided at sign-in, through the mapping superusers
    keep (accounts/sso/services.py); no person acts, and superuser status is never given or taken that way."""
    if via_sign_on and is_superuser != user.is_superuser:
        raise PermissionDenied(_("Single sign-on never gives or removes superuser status."))
    before = _roles_held(user)
    groups = list(groups)
    after = (
        {g.name for g in groups}
        | ({STAFF_STATUS} if is_staff else set())
        | ({SUPERUSER} if is_superuser else set())
    )
    change = RoleChange(granted=frozenset(after - before), removed=frozenset(before - after))
    if not change:
        return change
    if not (via_sign_on or getattr(by, "is_superuser", False)):
        raise PermissionDenied(_("Only a superuser gives or removes official roles."))
    User.objects.filter(pk=user.pk).update(is_staff=is_staff, is_superuser=is_superuser)
    user.is_staff, user.is_superuser = is_staff, is_superuser
    user.groups.set(groups)
    for cached in (ROLES_READ, OFFICIAL_SEAT_READ, TOTP_READ):  # read again now
        if getattr(user, cached, None) is not None:
            delattr(user, cached)
    via = {"via": VIA_SIGN_ON} if via_sign_on else {}
    for role in sorted(change.granted):
        log(user, "user.role_granted", by=by, data={"role": role, **via})
    for role in sorted(change.removed):
        log(user, "user.role_removed", by=by, data={"role": role, **via})
    return change


# Rooms above this floor end what a lost role carried (committees: that person's seats of that kind). A role
# change made on the admin's people page does so through committees/memberships.py; one the identity provider
# makes at sign-in runs these.
_ROLE_LOSS_FOLLOWERS: list[Callable[..., object]] = []


def role_loss_follower_register(follower: Callable[..., object]) -> None:
    """Called from an AppConfig.ready() above this floor; `follower(user=..., by=...)` runs in the same
    transaction after a role was removed."""
    if follower not in _ROLE_LOSS_FOLLOWERS:
        _ROLE_LOSS_FOLLOWERS.append(follower)


def role_loss_followers_run(*, user: User, by: User | None) -> None:
    for follower in _ROLE_LOSS_FOLLOWERS:
        follower(user=user, by=by)


@transaction.atomic
def user_details_update(*, user: User, full_name: str, preferred_language: str) -> User:
    """A person changes their own name and the language of their emails."""
    if preferred_language not in dict(settings.LANGUAGES):
        raise ValidationError({"preferred_language": _("Choose Danish or English.")})
    new = {"full_name": " ".join(full_name.split()), "preferred_language": preferred_language}
    changed = sorted(name for name, value in new.items() if getattr(user, name) != value)
    if not changed:
        return user
    for name, value in new.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=changed)
    log(user, "user.details_changed", by=user, data={"fields": changed})
    return user
