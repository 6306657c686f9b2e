"""Who may read and work on a committee's deliverable (django-rules; object = the Deliverable or
its TaskCommittee).

Until a political body has dealt with it the deliverable is confidential to the committee, the
politicians and council staff (Danish law: a recommendation is not public before then); views
answer 404 to everyone else. Once a review step or a council decision is recorded, anyone may
read the submitted text, the route, the decision and the agreed text, but never the comments,
the drafts or the amendments' workings.
"""

from __future__ import annotations

import rules

from accounts.rules import is_council_staff, is_politician
from committees.models import TaskCommittee
from committees.rules import is_committee_facilitator_or_chair, is_committee_member


def _deliverable(obj):
    """The committee's deliverable, or None if it has none yet."""
    if obj is None:
        return None
    if isinstance(obj, TaskCommittee):
        return getattr(obj, "deliverable", None)
    return obj


@rules.predicate
def is_drafting(user, obj) -> bool:
    from deliberation.models import Deliverable

    deliverable = _deliverable(obj)
    return deliverable is None or deliverable.state == Deliverable.State.DRAFTING


@rules.predicate
def is_submitted(user, obj) -> bool:
    from deliberation.models import Deliverable

    deliverable = _deliverable(obj)
    return deliverable is not None and deliverable.state == Deliverable.State.SUBMITTED


@rules.predicate
def is_public(user, obj) -> bool:
    from deliberation.deliverables.selectors import deliverable_is_public

    deliverable = _deliverable(obj)
    return deliverable is not None and deliverable_is_public(deliverable)


# The drafts, versions and comments are the committee's working material: the committee and staff.
can_read_internals = is_committee_member | is_council_staff
# The submitted recommendation goes to the politicians before any body has dealt with it (DESIGN §1
# step 7: "confidential to the committee, staff and politicians"); the public reads it once dealt with.
can_read_submitted = can_read_internals | (is_politician & is_submitted)

rules.add_perm("deliberation.read_deliverable_internals", can_read_internals)
rules.add_perm("deliberation.read_submitted_deliverable", can_read_submitted)
# The page at all: the text the reader may see, the route, the decision and the agreed text.
rules.add_perm("deliberation.read_deliverable", can_read_submitted | is_public)
rules.add_perm("deliberation.edit_deliverable", is_committee_member & is_drafting)
rules.add_perm("deliberation.comment_deliverable", is_committee_member & is_drafting)
rules.add_perm("deliberation.submit_deliverable", is_committee_facilitator_or_chair & is_drafting)
rules.add_perm("deliberation.propose_amendment", is_politician & is_submitted)
rules.add_perm("deliberation.record_review", is_council_staff)
