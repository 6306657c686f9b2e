"""Seats follow official roles: when a person loses the role a politician's or facilitator's seat needs,
their seats of that kind end the same day, in the same transaction, and the trail says why.

accounts changes the roles and knows nothing of committees; a role change made on the admin's people page
comes through here (committees/admin_people.py registers that page one floor up), so the arrows point down."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services import RoleChange, user_roles_set
from audit.services import log
from committees.models import OFFICIAL_ROLE_OF_SEAT, Membership


@dataclass(frozen=True)
class RolesAndSeats:
    change: RoleChange
    ended: list[Membership]


@transaction.atomic
def memberships_end_without_role(*, user: User, by: User | None) -> list[Membership]:
    """End every active seat of `user` whose official role they no longer hold."""
    held = set(user.groups.values_list("name", flat=True))
    lost = [seat for seat, role in OFFICIAL_ROLE_OF_SEAT.items() if role not in held]
    ended = list(
        Membership.objects.active()
        .filter(user=user, role__in=lost)
        .select_related("committee")
        .select_for_update(of=("self",))
    )
    today = timezone.localdate()
    for membership in ended:
        # A seat that had not begun yet ends on the day it would have begun (the dates stay in order).
        membership.left_on = max(today, membership.joined_on)
        membership.save(update_fields=["left_on"])
        log(
            membership,
            "membership.ended",
            by=by,
            data={
                "committee": membership.committee.name,
                "role": membership.role,
                "reason": "official role removed",
            },
        )
    return ended


@transaction.atomic
def official_roles_set(
    *, user: User, by: User, groups: Iterable[Group], is_staff: bool, is_superuser: bool
) -> RolesAndSeats:
    """Set `user`'s roles (accounts.services.user_roles_set) and end the seats the removed ones carried."""
    change = user_roles_set(user=user, by=by, groups=groups, is_staff=is_staff, is_superuser=is_superuser)
    ended = memberships_end_without_role(user=user, by=by) if change.removed else []
    return RolesAndSeats(change=change, ended=ended)


def _seat_data(membership: Membership) -> dict:
    return {
        "committee": membership.committee.name,
        "person": membership.user.full_name or membership.user.email,
        "role": membership.role,
        "position": membership.position,
    }


@transaction.atomic
def membership_add(
    *,
    committee,
    user: User,
    role: str,
    by: User | None,
    position: str = Membership.Position.MEMBER,
    profile=None,
    joined_on=None,
    show_name_publicly: bool = False,
) -> Membership:
    """Give `user` a seat on `committee` (the model refuses a politician's or facilitator's seat to an
    account without that official role), on the trail with who gave it."""
    membership = Membership(
        committee=committee,
        user=user,
        role=role,
        position=position,
        profile=profile,
        joined_on=joined_on or timezone.localdate(),
        show_name_publicly=show_name_publicly,
    )
    membership.full_clean()
    membership.save()
    log(membership, "membership.added", by=by, data=_seat_data(membership))
    return membership


def memberships_staff_edited(
    *, added: Iterable[Membership], changed: Iterable[tuple[Membership, list[str]]], removed, by: User
) -> None:
    """Put the seats staff gave, changed or removed on the mandate page (the admin saved them) on the trail;
    a removed seat has no row left, so its entry names the committee."""
    for membership in added:
        log(membership, "membership.added", by=by, data=_seat_data(membership))
    for membership, fields in changed:
        data = {**_seat_data(membership), "fields": sorted(fields)}
        log(membership, "membership.changed", by=by, data=data)
    for membership in removed:
        log(membership.committee, "membership.removed", by=by, data=_seat_data(membership))
