"""Where the balance rules alone cannot settle a seat, a politician decides, with a reason on the record; and
the committee starts once every seat is settled and no rule is broken that a politician has not accepted.

- `seat_decide`: a free seat that no reserve can take within the rules is given to a reserve anyway, or
  left empty. Either names the rules it breaks, if any.
- `committee_start_if_complete`: every seat taken or left empty by decision; the committee starts only if
  the members break no rule, or only rules a decision accepted. Otherwise the politicians are told and
  `committee_start_despite_rules` lets one of them start it with a reason.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from audit.services import log
from committees.services import mandate_move
from mandates.models import Mandate
from notifications.services import notification_schedule
from recruitment.engine import balance
from recruitment.models import Application, ApplicationEvent, Call, SeatDecision
from recruitment.offers import invitation_send
from recruitment.review.access import rule_text
from recruitment.review.pool_version import review_pool_changed
from recruitment.review.seats import Seats, as_candidate, matching_url, politicians_of, rule_context, seats_of

DECIDE = "recruitment.decide_call"


def _locked_call(call: Call, by) -> Call:
    call = Call.objects.select_for_update(of=("self",)).select_related("mandate").get(pk=call.pk)
    if not by.has_perm(DECIDE, call):
        raise PermissionDenied
    if call.state != Call.State.SELECTED or call.mandate.state != Mandate.State.MATCHING:
        raise ValidationError(_("The committee's seats are settled: there is nothing left to decide."))
    return call


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say briefly why: the reason is part of the record.")})
    return reason


@transaction.atomic
def seat_decide(*, call: Call, profile_id: int, by, reason: str, application_id: int | None) -> SeatDecision:
    """Give a free seat to a reserve of the profile (application_id), or leave it empty (None)."""
    call = _locked_call(call, by)
    reason = _reason(reason)
    seats = seats_of(call)
    try:
        entry = seats.by_profile(profile_id)
    except StopIteration:
        raise ValidationError(_("That profile is not part of this committee.")) from None
    if not entry.free:
        raise ValidationError(_("That seat is no longer free: someone has been invited to it."), code="taken")
    held = [c for cs in seats.held_candidates().values() for c in cs]
    if application_id is None:
        kind, chosen, newcomers = SeatDecision.Kind.LEAVE_EMPTY, None, []
    else:
        chosen = next((a for a in entry.reserves if a.pk == application_id), None)
        if chosen is None:
            raise ValidationError(_("That person is no longer on the reserve list for this profile."))
        kind, newcomers = SeatDecision.Kind.INVITE, [as_candidate(chosen)]
    decision = SeatDecision(
        call=call,
        kind=kind,
        profile=entry.profile,
        application=chosen,
        rules=list(balance.broken_rules(seats.rules, [*held, *newcomers])),
        reason=reason,
        by=by,
    )
    decision.full_clean()
    decision.save()
    action = "seat.reserve_invited" if chosen else "seat.left_empty"
    log(
        decision,
        action,
        by=by,
        data={"profile": entry.profile.title, "rules": decision.rules, "reason": reason},
    )
    if chosen is not None:
        invitation_send(application=chosen, profile_id=profile_id, by=by)
    else:
        committee_start_if_complete(call)
    return decision


def _members_breaking(seats: Seats) -> tuple[str, ...]:
    """The rules the committee as it would start (everyone accepted) breaks and no decision accepted."""
    members = [
        as_candidate(i.application) for entry in seats.profiles for i in entry.held if i.state == "accepted"
    ]
    return tuple(r for r in balance.broken_rules(seats.rules, members) if r not in seats.waived)


def _complete(seats: Seats) -> bool:
    """Every seat accepted, or left empty by a politician's decision."""
    return all(
        sum(i.state == "accepted" for i in entry.held) + entry.left_empty >= entry.profile.seats
        for entry in seats.profiles
    )


def start_blocked_by(seats: Seats) -> tuple[str, ...]:
    """The rules that keep a committee whose every seat is settled from starting (none: not blocked)."""
    return _members_breaking(seats) if _complete(seats) else ()


def committee_start_problems(mandate: Mandate) -> list[str]:
    """What keeps a committee in matching from starting, whichever door moves it (the admin's included):
    the politicians have confirmed a selection, every seat is settled, and any rule the members break was
    accepted by a politician with a reason. A committee recruited without a call in Samskab has none."""
    if mandate.state != Mandate.State.MATCHING:
        return []
    calls = list(Call.objects.filter(mandate=mandate).order_by("-pk"))
    if not calls:
        return []
    call = calls[0]
    if call.state != Call.State.SELECTED:
        return [_("The politicians have not confirmed the selection yet: the committee cannot start.")]
    call.mandate = mandate
    seats = seats_of(call)
    if not _complete(seats):
        return [_("Not every seat is settled yet: the committee cannot start.")]
    broken = _members_breaking(seats)
    if broken:
        return [
            _(
                "The members break a balance rule no politician has accepted (%(rules)s): a politician "
                "starts the committee with a reason on the matching page."
            )
            % {"rules": "; ".join(rule_text(rule, call) for rule in broken)}
        ]
    return []


def committee_start_if_complete(call: Call) -> bool:
    """Every seat settled and no rule broken without a politician's reason: the committee starts and the
    remaining reserves are thanked. Called inside the transaction that settled the last seat."""
    mandate = call.mandate
    if mandate.state != Mandate.State.MATCHING:
        return False
    seats = seats_of(call)
    if not _complete(seats):
        return False
    broken = _members_breaking(seats)
    if broken:
        for membership in politicians_of(call):
            notification_schedule(
                recipient=membership.user,
                kind="committee_start_blocked",
                key=f"committee-start-blocked:{call.pk}:{'+'.join(broken)}:{membership.user_id}",
                context={"title": mandate.title, "url": matching_url(call), **rule_context(mandate, broken)},
            )
        return False
    _start(call, seats)
    return True


@transaction.atomic
def committee_start_despite_rules(*, call: Call, by, reason: str) -> SeatDecision:
    """Every seat is settled but the members break a rule: a politician starts the committee anyway."""
    call = _locked_call(call, by)
    reason = _reason(reason)
    seats = seats_of(call)
    if not _complete(seats):
        raise ValidationError(_("Not every seat is settled yet: the committee cannot start."))
    broken = _members_breaking(seats)
    decision = SeatDecision.objects.create(
        call=call, kind=SeatDecision.Kind.START, rules=list(broken), reason=reason, by=by
    )
    log(decision, "committee.started_despite_rules", by=by, data={"rules": list(broken), "reason": reason})
    _start(call, seats)
    return decision


def _start(call: Call, seats: Seats) -> None:
    mandate = call.mandate
    note = _("Every seat is filled.")
    if any(entry.left_empty for entry in seats.profiles):
        note = _("Every seat is filled or, by the politicians' decision, left empty.")
    mandate_move(mandate=mandate, to=Mandate.State.ACTIVE, by=None, note=note)
    for application in call.applications.filter(state=Application.State.RESERVE).select_related("applicant"):
        application.state = Application.State.NOT_SELECTED
        application.save(update_fields=["state", "updated_at"])
        review_pool_changed(application.call_id)
        ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.NOT_SELECTED)
        if application.applicant_id:
            notification_schedule(
                recipient=application.applicant,
                kind="application_thanks",
                key=f"application-thanks:{application.pk}",
                context={"title": mandate.title, "reference": application.reference},
            )
