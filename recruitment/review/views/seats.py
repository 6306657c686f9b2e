"""The confirmed selection as the committee follows it: seats, invitations, the reserves in the order a free
seat is offered, and the politicians' decisions where no reserve keeps the balance rules."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mandates.models import Mandate
from recruitment.engine import balance
from recruitment.models import Call, SeatDecision, Selection
from recruitment.review import matching_selectors
from recruitment.review import selectors as review_selectors
from recruitment.review.access import DECIDE, call_for, rule_text
from recruitment.review.forms import ReasonForm, SeatDecisionForm
from recruitment.review.seat_decisions import committee_start_despite_rules, seat_decide, start_blocked_by
from recruitment.review.seats import ProfileSeats, Seats, order_reserves, seats_of

LEAVE_EMPTY = "empty"


@dataclass
class FreeSeats:
    entry: ProfileSeats
    reserves: list[tuple[object, list[str] | None]]
    form: SeatDecisionForm | None


def _texts(rules, call: Call) -> list[str]:
    return [rule_text(r, call) for r in rules]


def _options(call: Call, seats: Seats, entry: ProfileSeats) -> list[tuple[str, str]]:
    options = []
    for application, breaks in order_reserves(entry):
        name = application.applicant.full_name if application.applicant else _("Anonymised")
        label = _("Invite %(name)s (%(reference)s)") % {"name": name, "reference": application.reference}
        if breaks:
            label += " – " + _("breaks: %(rules)s") % {"rules": "; ".join(_texts(breaks, call))}
        options.append((str(application.pk), label))
    held = [c for cs in seats.held_candidates().values() for c in cs]
    empty_breaks = balance.broken_rules(seats.rules, held)
    label = _("Leave the seat empty")
    if empty_breaks:
        label += " – " + _("breaks: %(rules)s") % {"rules": "; ".join(_texts(empty_breaks, call))}
    return [*options, (LEAVE_EMPTY, label)]


def confirmed(
    request: HttpRequest,
    call: Call,
    selection: Selection,
    *,
    posted: SeatDecisionForm | None = None,
    start_form: ReasonForm | None = None,
) -> HttpResponse:
    can_decide = request.user.has_perm(DECIDE, call)
    settling = call.mandate.state == Mandate.State.MATCHING
    seats = seats_of(call) if settling else None
    free = []
    for entry in seats.profiles if seats else ():
        if not entry.free:
            continue
        form = None
        if can_decide and entry.waiting:
            if posted is not None and posted.entry.profile.pk == entry.profile.pk:
                form = posted
            else:
                form = SeatDecisionForm(entry=entry, options=_options(call, seats, entry))
        reserves = [(a, _texts(b, call) if b else b) for a, b in order_reserves(entry)]
        free.append(FreeSeats(entry, reserves, form))
    blocked = start_blocked_by(seats) if seats else ()
    decisions = [
        (d, _texts(d.rules, call))
        for d in SeatDecision.objects.filter(call=call).select_related("by", "profile", "application")
    ]
    context = {
        "call": call,
        "mandate": call.mandate,
        "selection": selection,
        "profiles": matching_selectors.confirmed_selection(call, selection),
        "can_decide": can_decide,
        "settling": settling,
        "free": free,
        "blocked": _texts(blocked, call),
        "start_form": (start_form or ReasonForm(prefix="start")) if can_decide and blocked else None,
        "decisions": decisions,
    }
    return render(request, "recruitment/review/confirmed.html", context)


@login_required
@require_POST
def decide_seat(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request, pk, decide=True)
    profile_id = request.POST.get("profile", "")
    selection = review_selectors.selection_of(call)
    seats = seats_of(call) if selection and call.mandate.state == Mandate.State.MATCHING else None
    entry = next((e for e in seats.profiles if str(e.profile.pk) == profile_id), None) if seats else None
    if entry is None or not entry.free:
        messages.error(request, _("That seat is no longer free, or its decision is already made."))
        return redirect("recruitment:matching", pk=call.pk)
    form = SeatDecisionForm(request.POST, entry=entry, options=_options(call, seats, entry))

    def decide(data: dict) -> None:
        seat_decide(
            call=call,
            profile_id=entry.profile.pk,
            by=request.user,
            reason=data["reason"],
            application_id=None if data["choice"] == LEAVE_EMPTY else int(data["choice"]),
        )

    if _recorded(form, decide):
        messages.success(request, _("Your decision is recorded."))
        return redirect("recruitment:matching", pk=call.pk)
    return confirmed(request, call, selection, posted=form)


@login_required
@require_POST
def start_committee(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request, pk, decide=True)
    selection = review_selectors.selection_of(call)
    if selection is None:
        return redirect("recruitment:matching", pk=call.pk)
    form = ReasonForm(request.POST, prefix="start")

    def start(data: dict) -> None:
        committee_start_despite_rules(call=call, by=request.user, reason=data["reason"])

    if _recorded(form, start):
        messages.success(request, _("The committee has started. Your reason is recorded."))
        return redirect("recruitment:matching", pk=call.pk)
    return confirmed(request, call, selection, start_form=form)


def _recorded(form: forms.Form, service: Callable[[dict], None]) -> bool:
    """Run the service on a valid form; what it refuses comes back on the form, with what was typed."""
    if not form.is_valid():
        return False
    try:
        service(form.cleaned_data)
    except ValidationError as failure:
        form.add_error(None, " ".join(failure.messages))
        return False
    return True
