"""Who may read and write a meeting's record (django-rules, object = the Meeting or its TaskCommittee).

Committee meetings are not public under Danish law: the record, internal notes included, is for the
committee's active members of any role and for council staff; only its facilitators and staff write it.
Views answer 404 to everyone else, so nothing leaks about what was said.
"""

from __future__ import annotations

import rules

from accounts.rules import is_council_staff
from committees.models import Meeting, Membership, TaskCommittee


def _committee_id(obj) -> int | None:
    if isinstance(obj, Meeting):
        return obj.committee_id
    if isinstance(obj, TaskCommittee):
        return obj.pk
    return None


def committee_role(user, obj) -> str | None:
    """The user's active role on the committee, read once per user object and committee."""
    committee_id = _committee_id(obj)
    if committee_id is None or not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_samskab_roles_by_committee", {})
    if committee_id not in cache:
        cache[committee_id] = (
            Membership.objects.filter(committee_id=committee_id, user=user, left_on__isnull=True)
            .values_list("role", flat=True)
            .first()
        )
    return cache[committee_id]


@rules.predicate
def is_committee_facilitator(user, obj) -> bool:
    return committee_role(user, obj) == Membership.Role.FACILITATOR


@rules.predicate
def is_committee_member(user, obj) -> bool:
    return committee_role(user, obj) is not None


# Keep attendance, notes, decisions, action items and attachments; publish the decision summary.
rules.add_perm("deliberation.record_meeting", is_committee_facilitator | is_council_staff)
# Read the whole record, internal notes included, and download its attachments.
rules.add_perm("deliberation.read_internal", is_committee_member | is_council_staff)
