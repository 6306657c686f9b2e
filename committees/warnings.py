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
    politicians = committee.memberships.active().filter(role=Membership.Role.POLITICIAN).count()
    target = committee.mandate.politicians_target
    if politicians > target:
        warnings.append(
            _("The committee has %(count)d politicians; the mandate names %(target)d.")
            % {"count": politicians, "target": target}
        )
    # Seats given before the admin checked the role, or whose role was removed outside the admin: they open
    # nothing (committees.rules fails closed), but staff should end them or have the role given.
    effective = committee.memberships.effective().values("pk")
    for seat in committee.memberships.official_seats().exclude(pk__in=effective).select_related("user"):
        warnings.append(
            _("%(person)s sits as %(seat)s without the official role, so the seat gives no access.")
            % {"person": seat.user, "seat": seat.get_role_display().lower()}
        )
    return warnings
