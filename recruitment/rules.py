"""Who may see and do what with a call's applicants (django-rules, object = the Call).

Applicants' personal data is for the committee's politicians and facilitators and for council
staff; views answer 404 to everyone else, so nothing leaks about who applied.
"""

from __future__ import annotations

import rules

from accounts.rules import is_council_staff
from committees.models import Membership


def _role_on_committee(user, call) -> str | None:
    """The user's active role on the call's committee, read once per user object and mandate."""
    if call is None or not user.is_authenticated:
        return None
    cache = user.__dict__.setdefault("_samskab_committee_roles", {})
    if call.mandate_id not in cache:
        cache[call.mandate_id] = (
            Membership.objects.filter(committee__mandate_id=call.mandate_id, user=user, left_on__isnull=True)
            .values_list("role", flat=True)
            .first()
        )
    return cache[call.mandate_id]


@rules.predicate
def is_committee_politician(user, call) -> bool:
    return _role_on_committee(user, call) == Membership.Role.POLITICIAN


@rules.predicate
def is_committee_facilitator(user, call) -> bool:
    return _role_on_committee(user, call) == Membership.Role.FACILITATOR


# Read applications in full, see ratings' means, charts and the engine's proposal; export CSV.
rules.add_perm(
    "recruitment.review_call", is_committee_politician | is_committee_facilitator | is_council_staff
)
# Rate applicants, run the engine with pins and exclusions, confirm the selection.
rules.add_perm("recruitment.decide_call", is_committee_politician)
