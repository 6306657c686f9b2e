"""Writes to committees, and the mandate moves that need the committee too (adoption checks the
meeting plan and constitutes the committee)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from audit.services import log
from committees.models import Meeting, Membership, TaskCommittee
from core.cache import public_pages_changed
from mandates.models import Mandate, MandateTransition
from mandates.services import mandate_copy_as_draft, mandate_transition


def committee_ensure(*, mandate: Mandate) -> TaskCommittee:
    committee, _created = TaskCommittee.objects.get_or_create(
        mandate=mandate, defaults={"name": mandate.title}
    )
    return committee


def meeting_plan_problems(committee: TaskCommittee) -> list[str]:
    mandate = committee.mandate
    if not (mandate.starts_on and mandate.ends_on):
        return []
    problems = []
    for meeting in committee.meetings.exclude(state="cancelled"):
        day = timezone.localdate(meeting.starts_at)
        if not mandate.starts_on <= day <= mandate.ends_on:
            problems.append(
                _("Meeting %(number)s on %(day)s lies outside the time frame.")
                % {"number": meeting.number, "day": formats.date_format(day)}
            )
    return problems


@transaction.atomic
def mandate_move(*, mandate: Mandate, to: str, by, note: str = "") -> MandateTransition:
    """The one door for moving a mandate: the lifecycle table plus what the committee adds."""
    committee = committee_ensure(mandate=mandate)
    adopting = to == Mandate.State.ADOPTED
    transition = mandate_transition(
        mandate=mandate,
        to=to,
        by=by,
        note=note,
        more_problems=meeting_plan_problems(committee) if adopting else (),
    )
    if adopting:
        committee.constituted_at = timezone.now()
        committee.save(update_fields=["constituted_at"])
    return transition


@transaction.atomic
def mandate_copy(*, mandate: Mandate) -> Mandate:
    copy = mandate_copy_as_draft(mandate=mandate)
    committee_ensure(mandate=copy)
    return copy


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, by) -> Meeting:
    """A planned meeting that has been recorded was held; marked once, whoever records it again."""
    if Meeting.objects.filter(pk=meeting.pk, state=Meeting.State.PLANNED).update(state=Meeting.State.HELD):
        meeting.state = Meeting.State.HELD
        log(meeting, "meeting.held", by=by)
        public_pages_changed()  # the update above passes no signal; the meeting plan shows the state
    return meeting


@transaction.atomic
def membership_choose_naming(*, membership: Membership, by, shown: bool) -> Membership:
    """A citizen member decides whether the committee's public page names them (politicians and
    facilitators are always named). Choosing what is already chosen changes and records nothing."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id != by.pk or membership.role != Membership.Role.CITIZEN or not membership.is_active:
        raise PermissionDenied
    if membership.show_name_publicly != shown:
        membership.show_name_publicly = shown
        membership.save(update_fields=["show_name_publicly"])
        log(membership, "membership.naming_chosen", by=by, data={"shown": shown})
    return membership
