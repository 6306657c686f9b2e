"""The matching page: the engine's proposal with the politicians' pins and exclusions, the draw that decides
ties, and the confirmation. Once confirmed, the page follows the seats (`seats`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.signed_in_pages import kept_per_session
from recruitment.engine import matching as engine
from recruitment.models import Call
from recruitment.review import draws, matching_selectors
from recruitment.review import selectors as review_selectors
from recruitment.review.access import DECIDE, call_for, proposal_key, rule_text
from recruitment.review.matching_kept import matching_worked_out
from recruitment.review.selection import selection_confirm, selection_problem
from recruitment.review.views import seats as views_seats


def _is_id(value: str) -> bool:
    """ASCII digits of a size the database holds (str.isdigit() also says yes to "²", which int() refuses)."""
    return value.isascii() and value.isdigit() and len(value) <= 18


def _adjustments(data) -> tuple[frozenset[tuple[int, int]], frozenset[int]]:
    """Pins ("<application id>:<profile id>") and exclusions ("<application id>"); unreadable ones go."""
    pins = set()
    for value in data.getlist("pin"):
        application_id, _sep, profile_id = value.partition(":")
        if _is_id(application_id) and _is_id(profile_id):
            pins.add((int(application_id), int(profile_id)))
    return frozenset(pins), frozenset(int(v) for v in data.getlist("exclude") if _is_id(v))


# Reserves shown per profile until "Show all" is asked for: a call of 2,000 applicants has thousands, each
# with its boxes, and the confirmation carries every one of them in its order whatever is shown.
RESERVES_SHOWN = 25
ALL_RESERVES = ("reserves", "all")


def _matching_url(call: Call, pins=frozenset(), exclusions=frozenset(), *, all_reserves=False) -> str:
    query = [("pin", f"{a}:{p}") for a, p in sorted(pins)] + [("exclude", a) for a in sorted(exclusions)]
    query += [ALL_RESERVES] if all_reserves else []
    url = reverse("recruitment:matching", args=[call.pk])
    return f"{url}?{urlencode(query)}" if query else url


def _all_reserves(data) -> bool:
    return data.get(ALL_RESERVES[0]) == ALL_RESERVES[1]


@login_required
@require_http_methods(["GET", "POST"])
@kept_per_session
def matching(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        return _confirm(request, pk)
    call = call_for(request, pk)
    selection = review_selectors.selection_of(call)  # loaded with the call
    if selection is not None:
        return views_seats.confirmed(request, call, selection)
    # Pins and exclusions are the deciders' tools; readers see the engine's own proposal.
    can_decide = request.user.has_perm(DECIDE, call)
    pins, exclusions = _adjustments(request.GET) if can_decide else (frozenset(), frozenset())
    return _page(request, call, pins, exclusions, all_reserves=_all_reserves(request.GET))


def _page(
    request: HttpRequest, call: Call, pins, exclusions, *, posted=None, all_reserves=False
) -> HttpResponse:
    """The proposal for these adjustments; `posted` is what a refused confirmation had typed."""
    can_decide = request.user.has_perm(DECIDE, call)
    worked = matching_worked_out(
        call,
        pins=pins,
        exclusions=exclusions,
        can_decide=can_decide,
        all_reserves=all_reserves,
        work_out=lambda: _worked_out(
            call, pins, exclusions, can_decide=can_decide, all_reserves=all_reserves
        ),
    )
    if worked is None:
        messages.error(request, _("The matching engine could not finish. Try again, or with fewer pins."))
        worked = _failed(call, pins, exclusions)
    else:
        assignment = {"assignment": worked["assignment"]}
        if request.session.get(proposal_key(call)) != assignment:  # written only when it changed
            request.session[proposal_key(call)] = assignment
    context = {
        **worked,
        "call": call,
        "mandate": call.mandate,
        "can_decide": can_decide,
        "can_confirm": can_decide and call.state == Call.State.CLOSED and not worked["blocked"],
        "pins": pins,
        "exclusions": exclusions,
        "all_reserves": all_reserves,
        "posted": posted or {},
    }
    return render(request, "recruitment/review/matching.html", context)


def _worked_out(call: Call, pins, exclusions, *, can_decide: bool, all_reserves: bool) -> dict | None:
    """The engine's proposal and the page's parts that follow from it alone, the long lists rendered;
    None when the engine could not finish."""
    stats = review_selectors.rating_stats(call)
    # Built here rather than through selection_propose because shortfalls() and the ties need it too.
    problem = selection_problem(
        call, pins=pins, exclusions=exclusions, mean_ratings={key: s.mean for key, s in stats.items()}
    )
    try:
        result = engine.solve(problem)
        shortfalls = engine.shortfalls(problem, result)
    except engine.SolverError:
        return None
    check = draws.draw_check(call, problem, result.assignment)
    rivals = {r for tie in [*check.by_draw, *check.by_hand] for r in tie.rivals}
    applications = matching_selectors.proposal_applications(call, result, pins, exclusions, also=rivals)
    proposal = matching_selectors.proposal(call, problem, result, applications=applications, stats=stats)
    pinned, excluded = matching_selectors.adjustment_rows(call, pins, exclusions, applications=applications)
    parts = {
        "result": result,
        "empty_seats": sum(p.empty for p in proposal),
        "unmet": [rule_text(r, call) for r in result.unmet_rules],
        "relaxed": [rule_text(r, call) for r in result.relaxed],
        "shortfalls": [rule_text(r, call) for r in shortfalls],
        "pinned": pinned,
        "excluded": excluded,
        "rules": [rule_text(r, call) for r in engine.rules_in_force(problem) if r != "pins"],
        "draw": draws.draw_view(call, check, applications),
        "blocked": check.blocked,
        "assignment": {str(p): list(ids) for p, ids in result.assignment.items()},
    }
    shown = {
        **parts,
        "call": call,
        "proposal": proposal,
        "can_decide": can_decide,
        "reserves_shown": None if all_reserves else RESERVES_SHOWN,
        "all_reserves_url": _matching_url(call, pins, exclusions, all_reserves=True),
    }
    parts["proposal_html"] = render_to_string("recruitment/review/_proposal.html", shown)
    parts["confirm_inputs_html"] = render_to_string("recruitment/review/_confirm_inputs.html", shown)
    return parts


def _failed(call: Call, pins, exclusions) -> dict:
    """The page without a proposal: the rules and the adjustments, so they can be undone."""
    problem = selection_problem(call, pins=pins, exclusions=exclusions)
    pinned, excluded = matching_selectors.adjustment_rows(call, pins, exclusions)
    return {
        "result": None,
        "empty_seats": 0,
        "unmet": [],
        "relaxed": [],
        "shortfalls": [],
        "pinned": pinned,
        "excluded": excluded,
        "rules": [rule_text(r, call) for r in engine.rules_in_force(problem) if r != "pins"],
        "draw": None,
        "blocked": False,
        "proposal_html": "",
        "confirm_inputs_html": "",
    }


def _placements(values: list[str]) -> dict[int, list[int]]:
    """Values "<profile id>:<application id>", in the order shown, grouped by profile."""
    placed: dict[int, list[int]] = {}
    for value in values:
        profile_id, _sep, application_id = value.partition(":")
        if not (_is_id(profile_id) and _is_id(application_id)):
            raise ValidationError(
                _("The selection could not be read. Run the engine again and confirm what it shows.")
            )
        placed.setdefault(int(profile_id), []).append(int(application_id))
    # A name twice in one list would break the placements' unique constraint inside selection_confirm.
    return {profile_id: list(dict.fromkeys(ids)) for profile_id, ids in placed.items()}


def _confirm(request: HttpRequest, pk: int) -> HttpResponse:
    call = call_for(request, pk, decide=True)
    pins, exclusions = _adjustments(request.POST)
    if call.state == Call.State.OPEN:
        messages.error(
            request, _("The call is still open: the selection can be confirmed after the deadline.")
        )
        return redirect(_matching_url(call, pins, exclusions))
    posted = {name: request.POST.get(name, "") for name in ("rationale", "tie_reason")}
    try:
        selection_confirm(
            call=call,
            by=request.user,
            rationale=posted["rationale"],
            seats=_placements(request.POST.getlist("seat")),
            reserves=_placements(request.POST.getlist("reserve")),
            pins=pins,
            exclusions=exclusions,
            tie_reason=posted["tie_reason"],
        )
    except ValidationError as failure:
        messages.error(request, " ".join(failure.messages))
        if getattr(failure, "code", None) == "done" or call.state != Call.State.CLOSED:
            return redirect(_matching_url(call, pins, exclusions))
        # What they typed comes back with the proposal as it stands now.
        return _page(request, call, pins, exclusions, posted=posted)
    request.session.pop(proposal_key(call), None)
    messages.success(
        request, _("The selection is confirmed: the invitations and thank-yous are on their way.")
    )
    return redirect(_matching_url(call))
