"""Who someone is on *this* committee, written once (django-rules predicates). The feature apps' rules combine
these with their own objects and phases.

Every predicate reads the person's *effective* seat (`Membership.objects.effective()`): a politician's or
facilitator's seat counts only while the person holds that official role, so the predicates fail closed for
an account that was given a seat it should not have, or kept one after its role was removed.

The object may be the TaskCommittee, or anything that names one: a `committee_id` (a meeting, a deliverable)
or a `mandate_id` (a call). Seats are read once per user object and committee.
"""

from __future__ import annotations

from typing import NamedTuple

import rules

from committees.models import Membership, TaskCommittee


class Seat(NamedTuple):
    role: str
    position: str


def _committee_key(obj) -> tuple[str, int] | None:
    if obj is None:
        return None
    if isinstance(obj, TaskCommittee):
        return ("committee", obj.pk)
    if getattr(obj, "committee_id", None) is not None:
        return ("committee", obj.committee_id)
    if getattr(obj, "mandate_id", None) is not None:
        return ("mandate", obj.mandate_id)
    return None


def seat_of(user, obj) -> Seat | None:
    """The user's effective seat on the committee `obj` names, or None."""
    key = _committee_key(obj)
    if key is None or not getattr(user, "is_authenticated", False):
        return None
    cache = user.__dict__.setdefault("_samskab_seats", {})
    if key not in cache:
        kind, pk = key
        where = {"committee_id": pk} if kind == "committee" else {"committee__mandate_id": pk}
        found = (
            Membership.objects.effective().filter(user=user, **where).values_list("role", "position").first()
        )
        cache[key] = Seat(*found) if found else None
    return cache[key]


def holds_official_seat(user) -> bool:
    """Whether the user has an active politician's or facilitator's seat anywhere, role or not: such a
    person is treated as an official (password and second factor), see accounts.roles."""
    return Membership.objects.official_seats().filter(user=user).exists()


@rules.predicate
def is_committee_member(user, obj) -> bool:
    return seat_of(user, obj) is not None


@rules.predicate
def is_committee_politician(user, obj) -> bool:
    seat = seat_of(user, obj)
    return seat is not None and seat.role == Membership.Role.POLITICIAN


@rules.predicate
def is_committee_facilitator(user, obj) -> bool:
    seat = seat_of(user, obj)
    return seat is not None and seat.role == Membership.Role.FACILITATOR


@rules.predicate
def is_committee_chair(user, obj) -> bool:
    seat = seat_of(user, obj)
    return seat is not None and seat.position == Membership.Position.CHAIR


@rules.predicate
def is_committee_facilitator_or_chair(user, obj) -> bool:
    seat = seat_of(user, obj)
    return seat is not None and (
        seat.role == Membership.Role.FACILITATOR or seat.position == Membership.Position.CHAIR
    )


# For apps whose objects lead to their committee by another way than `committee_id`/`mandate_id` (a
# consultation's item, a registration): they pass the committee itself.
def membership_of(user, committee: TaskCommittee | None) -> Seat | None:
    """The (role, position) of the user's effective seat on `committee`, or None."""
    return seat_of(user, committee)


def is_member(user, committee: TaskCommittee | None) -> bool:
    return seat_of(user, committee) is not None


def is_facilitator(user, committee: TaskCommittee | None) -> bool:
    return is_committee_facilitator.test(user, committee)


def is_facilitator_or_chair(user, committee: TaskCommittee | None) -> bool:
    return is_committee_facilitator_or_chair.test(user, committee)


def committee_predicates(committee_of):
    """(member, facilitator, facilitator or chair) as django-rules predicates of an object whose committee
    `committee_of(obj)` finds: each app names its objects, the roles mean the same everywhere."""
    return (
        rules.predicate(lambda user, obj: is_member(user, committee_of(obj)), name="is_committee_member"),
        rules.predicate(
            lambda user, obj: is_facilitator(user, committee_of(obj)), name="is_committee_facilitator"
        ),
        rules.predicate(
            lambda user, obj: is_facilitator_or_chair(user, committee_of(obj)),
            name="is_committee_facilitator_or_chair",
        ),
    )
