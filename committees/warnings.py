"""Warnings about a committee's plan that staff should see but may keep."""

from __future__ import annotations

from django.utils.translation import gettext as _

from committees.models import Membership, TaskCommittee

TYPICAL_MEETINGS = range(5, 8)


def committee_warnings(committee: TaskCommittee) -> list[str]:
    warnings = []
    meetings = committee.meetings.exclude(state="cancelled").count()
    if meetings and meetings not in TYPICAL_MEETINGS:
        warnings.append(_("The plan has %(count)d meetings; 5 to 7 is usual.") % {"count": meetings})
    politicians = committee.memberships.filter(role=Membership.Role.POLITICIAN, left_on__isnull=True).count()
    target = committee.mandate.politicians_target
    if politicians > target:
        warnings.append(
            _("The committee has %(count)d politicians; the mandate names %(target)d.")
            % {"count": politicians, "target": target}
        )
    return warnings
