"""Who someone is on one committee, read once per request: the vocabulary the apps above combine in their
own rules.py (DESIGN.md §3: committees holds the roles).

`membership_of(user, committee)` answers with the (role, position) of the user's active membership, or
None; the answer is kept on the user object, so a page that asks many permissions pays one query.
"""

from __future__ import annotations

import rules

from committees.models import Membership, TaskCommittee


def membership_of(user, committee: TaskCommittee | None) -> tuple[str, str] | None:
    if committee is None or not getattr(user, "is_authenticated", False):
        return None
    cache = user.__dict__.setdefault("_samskab_committee_memberships", {})
    if committee.pk not in cache:
        cache[committee.pk] = (
            Membership.objects.filter(committee=committee, user=user, left_on__isnull=True)
            .values_list("role", "position")
            .first()
        )
    return cache[committee.pk]


def is_member(user, committee: TaskCommittee | None) -> bool:
    return membership_of(user, committee) is not None


def is_facilitator(user, committee: TaskCommittee | None) -> bool:
    found = membership_of(user, committee)
    return found is not None and found[0] == Membership.Role.FACILITATOR


def is_facilitator_or_chair(user, committee: TaskCommittee | None) -> bool:
    found = membership_of(user, committee)
    return found is not None and (
        found[0] == Membership.Role.FACILITATOR or found[1] == Membership.Position.CHAIR
    )


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
