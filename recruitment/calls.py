"""Opening and closing calls. Closing is periodic and idempotent: a second run changes nothing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Membership
from committees.services import committee_ensure, mandate_move
from mandates.models import Mandate
from notifications.services import notification_schedule
from recruitment.models import Application, ApplicationEvent, Call


@transaction.atomic
def call_open(*, call: Call, by) -> Call:
    """Staff open a planned call; the mandate starts recruiting (again, for a second round)."""
    call = Call.objects.select_for_update(of=("self",)).select_related("mandate").get(pk=call.pk)
    if call.state != Call.State.PLANNED:
        raise ValidationError(_("Only a planned call can be opened."))
    if call.deadline <= timezone.now():
        raise ValidationError(_("The deadline has already passed: set a later deadline first."))
    if call.mandate.state in (Mandate.State.ADOPTED, Mandate.State.MATCHING):
        mandate_move(mandate=call.mandate, to=Mandate.State.RECRUITING, by=by, note=_("The call opened."))
    elif call.mandate.state != Mandate.State.RECRUITING:
        raise ValidationError(_("A call can be opened once the mandate is adopted."))
    call.state = Call.State.OPEN
    call.save(update_fields=["state"])
    return call


@transaction.atomic
def call_close(*, call: Call, by=None) -> bool:
    """Close an open call, move the mandate to matching and tell the committee's officials."""
    call = Call.objects.select_for_update(of=("self",)).select_related("mandate").get(pk=call.pk)
    if call.state != Call.State.OPEN:
        return False
    # Staff may close a call before its deadline; nobody should then read that the deadline passed.
    closed_early = timezone.now() < call.deadline
    call.state = Call.State.CLOSED
    call.save(update_fields=["state"])
    if call.mandate.state == Mandate.State.RECRUITING:
        note = _("The call's deadline passed.")
        if closed_early:
            note = _("The call was closed before its deadline.")
        mandate_move(mandate=call.mandate, to=Mandate.State.MATCHING, by=by, note=note)
    submitted = list(call.applications.filter(state=Application.State.SUBMITTED))
    ApplicationEvent.objects.bulk_create(
        ApplicationEvent(application=a, kind=ApplicationEvent.Kind.CALL_CLOSED) for a in submitted
    )
    committee = committee_ensure(mandate=call.mandate)
    officials = (
        committee.memberships.active()
        .filter(role__in=[Membership.Role.POLITICIAN, Membership.Role.FACILITATOR])
        .select_related("user")
    )
    for membership in officials:
        notification_schedule(
            recipient=membership.user,
            kind="call_closed",
            key=f"call-closed:{call.pk}:{membership.user_id}",
            context={
                "call_id": call.pk,
                "title": call.mandate.title,
                "applications": len(submitted),
                "closed_early": closed_early,
                "deadline": call.deadline,
            },
        )
    return True


def calls_close_due(*, now=None) -> int:
    """The beat task's work: close every open call whose deadline has passed."""
    due = Call.objects.filter(state=Call.State.OPEN, deadline__lte=now or timezone.now()).values_list(
        "pk", flat=True
    )
    return sum(call_close(call=Call(pk=pk)) for pk in list(due))
