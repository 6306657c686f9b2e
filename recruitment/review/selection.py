"""From applications to the engine's proposal, and the politicians' confirmation of a selection."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audit.services import log
from notifications.services import notification_schedule
from recruitment.engine import balance, matching
from recruitment.models import Application, ApplicationEvent, Call, Placement, Rating, Selection
from recruitment.offers import invitation_send
from recruitment.review import draws
from recruitment.review.draws import draw_order
from recruitment.review.pool_version import review_pool_changed

CANDIDATE_STATES = (Application.State.SUBMITTED,)


def _normalised(organisation: str) -> str | None:
    name = " ".join(organisation.lower().split())
    return name or None


def rules_of(mandate) -> matching.Rules:
    return matching.Rules(
        min_gender_share=mandate.min_gender_share,
        max_per_organisation=mandate.max_per_organisation,
        max_per_district=mandate.max_per_district,
    )


def as_candidate(
    application: Application, preferences: tuple[int, ...] = (), scores=None
) -> matching.Candidate:
    """An applicant as the engine and the balance rules read them."""
    return matching.Candidate(
        id=application.pk,
        preferences=preferences,
        scores=scores or {},
        gender=application.gender or None,
        organisation=_normalised(application.organisation),
        district=application.district or None,
    )


def selection_problem(
    call: Call,
    *,
    pins: frozenset[tuple[int, int]] = frozenset(),
    exclusions: frozenset[int] = frozenset(),
    mean_ratings: dict[tuple[int, int], float] | None = None,
) -> matching.Problem:
    """The call as the engine sees it: candidates are application ids, profiles are profile ids.
    `mean_ratings` ((application id, profile id) → mean score) saves the query when the caller has them."""
    applications = list(
        call.applications.filter(state__in=CANDIDATE_STATES).prefetch_related("choices").order_by("pk")
    )
    if mean_ratings is None:
        mean_ratings = {
            (row["application_id"], row["profile_id"]): float(row["mean"])
            for row in Rating.objects.filter(application__call=call)
            .values("application_id", "profile_id")
            .annotate(mean=Avg("score"))
        }
    means = defaultdict(dict)
    for (application_id, profile_id), mean in mean_ratings.items():
        means[application_id][profile_id] = mean
    mandate = call.mandate
    by_reference = {a.reference: a.pk for a in applications}
    return matching.Problem(
        candidates=tuple(
            as_candidate(
                a,
                preferences=tuple(c.profile_id for c in sorted(a.choices.all(), key=lambda c: c.rank)),
                scores=means[a.pk],
            )
            for a in applications
        ),
        profiles=tuple(matching.Profile(id=p.pk, seats=p.seats) for p in mandate.profiles.all()),
        rules=rules_of(mandate),
        pins=pins,
        exclusions=exclusions,
        tie_break=tuple(by_reference[r] for r in draw_order(call) if r in by_reference),
    )


def selection_propose(call: Call, **adjustments) -> matching.Result:
    return matching.solve(selection_problem(call, **adjustments))


def _check_proposal(call: Call, seats: dict[int, list[int]], reserves: dict[int, list[int]]) -> None:
    candidates = {
        a.pk: {c.profile_id for c in a.choices.all()}
        for a in call.applications.filter(state__in=CANDIDATE_STATES).prefetch_related("choices")
    }
    profiles = {p.pk: p.seats for p in call.mandate.profiles.all()}
    seated = [pk for pks in seats.values() for pk in pks]
    if len(seated) != len(set(seated)):
        raise ValidationError(_("An applicant can hold only one seat."))
    for profile_id, pks in [*seats.items(), *reserves.items()]:
        if profile_id not in profiles:
            raise ValidationError(_("The selection names a profile of another mandate."))
        for pk in pks:
            if pk not in candidates or profile_id not in candidates[pk]:
                raise ValidationError(_("The selection names someone who did not apply for that profile."))
    for profile_id, pks in seats.items():
        if len(pks) > profiles[profile_id]:
            raise ValidationError(_("A profile got more people than it has seats."))


def _check_balance(call: Call, seats: dict[int, list[int]]) -> None:
    """The engine's proposal keeps every balance rule; a selection that does not was not its proposal."""
    seated = call.applications.filter(pk__in=[pk for pks in seats.values() for pk in pks])
    if balance.broken_rules(rules_of(call.mandate), [as_candidate(a) for a in seated]):
        raise ValidationError(
            _(
                "This selection breaks a balance rule of the mandate. "
                "Run the engine again and confirm what it proposes."
            ),
            code="rules",
        )


def _check_ties(
    call: Call, seats: dict[int, list[int]], pins, exclusions, tie_reason: str
) -> tuple[draws.DrawCheck, dict[int, str]]:
    """Seats that ties decide go to the one the published draw put first; without a public value they
    cannot be confirmed, unless the politicians pinned whom they chose and said why."""
    check = draws.draw_check(call, selection_problem(call, pins=pins, exclusions=exclusions), seats)
    references = dict(call.applications.values_list("pk", "reference"))
    if check.blocked:
        raise ValidationError(
            ngettext(
                "A tie decides %(count)s seat, and the public value for the draw is not known yet. "
                "Confirm once staff have entered it, or decide the tie yourselves: pin the applicant "
                "you choose and say why.",
                "Ties decide %(count)s seats, and the public value for the draw is not known yet. "
                "Confirm once staff have entered it, or decide the ties yourselves: pin the applicants "
                "you choose and say why.",
                len(check.by_draw),
            )
            % {"count": len(check.by_draw)},
            code="tie",
        )
    if not check.drawn_first(references):
        raise ValidationError(
            _("The draw has changed the proposal since the page was opened. Look at it again and confirm."),
            code="draw",
        )
    if check.by_hand and not tie_reason.strip():
        raise ValidationError(
            {"tie_reason": _("Say why you decided the tie yourselves: it is part of the record.")},
            code="tie_reason",
        )
    return check, references


@transaction.atomic
def selection_confirm(
    *,
    call: Call,
    by,
    rationale: str,
    seats: dict[int, list[int]],
    reserves: dict[int, list[int]],
    pins: frozenset[tuple[int, int]] = frozenset(),
    exclusions: frozenset[int] = frozenset(),
    tie_reason: str = "",
) -> Selection:
    """Record the selection the politicians saw, invite the seated, place reserves, thank the rest.

    The call row is locked, and the selection is one-to-one with the call: two politicians
    confirming at once give one selection; the second is told it is already done. `pins` and
    `exclusions` are the adjustments the politicians ran the engine with: a tie whose holder they
    pinned is theirs to explain in `tie_reason`.
    """
    call = Call.objects.select_for_update(of=("self",)).select_related("mandate").get(pk=call.pk)
    if not by.has_perm("recruitment.decide_call", call):
        raise PermissionDenied
    if call.state == Call.State.OPEN:
        raise ValidationError(
            _("The call is still open: the selection comes after the deadline."), code="open"
        )
    if call.state != Call.State.CLOSED or Selection.objects.filter(call=call).exists():
        raise ValidationError(_("The selection for this call has already been confirmed."), code="done")
    seats = {pid: list(dict.fromkeys(pks)) for pid, pks in seats.items()}
    reserves = {pid: list(dict.fromkeys(pks)) for pid, pks in reserves.items()}
    if not rationale.strip():
        raise ValidationError({"rationale": _("Say briefly why this selection: it is part of the record.")})
    _check_proposal(call, seats, reserves)
    _check_balance(call, seats)
    check, references = _check_ties(call, seats, pins, exclusions, tie_reason)
    try:
        with transaction.atomic():
            selection = Selection.objects.create(
                call=call,
                confirmed_by=by,
                rationale=rationale.strip(),
                engine_version=matching.ENGINE_VERSION,
                draw_order=check.order,
                tied_seats=draws.decided_seats(check, references),
                tie_reason=tie_reason.strip() if check.by_hand else "",
            )
    except IntegrityError as error:
        raise ValidationError(
            _("The selection for this call has already been confirmed."), code="done"
        ) from error
    counts = {"seats": sum(map(len, seats.values())), "reserves": sum(map(len, reserves.values()))}
    log(selection, "selection.confirmed", by=by, data={**counts, "rationale": selection.rationale})
    if check.by_hand:
        hand = [seat for seat in selection.tied_seats if seat["by_hand"]]
        log(selection, "selection.tie_decided", by=by, data={"seats": hand, "reason": selection.tie_reason})
    seated = {pk for pks in seats.values() for pk in pks}
    Placement.objects.bulk_create(
        [
            Placement(selection=selection, application_id=pk, profile_id=profile_id, kind=Placement.Kind.SEAT)
            for profile_id, pks in seats.items()
            for pk in pks
        ]
        + [
            Placement(
                selection=selection,
                application_id=pk,
                profile_id=profile_id,
                kind=Placement.Kind.RESERVE,
                position=position,
            )
            for profile_id, pks in reserves.items()
            for position, pk in enumerate((pk for pk in pks if pk not in seated), start=1)
        ]
    )
    call.state = Call.State.SELECTED
    call.save(update_fields=["state"])
    for profile_id, pks in seats.items():
        for pk in pks:
            invitation_send(application=Application.objects.get(pk=pk), profile_id=profile_id, by=by)
    reserved = {pk for pks in reserves.values() for pk in pks} - seated
    for application in call.applications.filter(state=Application.State.SUBMITTED).select_related(
        "applicant", "call__mandate"
    ):
        if application.pk in reserved:
            application.state = Application.State.RESERVE
            kind = ApplicationEvent.Kind.RESERVE
        else:
            application.state = Application.State.NOT_SELECTED
            kind = ApplicationEvent.Kind.NOT_SELECTED
            _thank(application)
        application.save(update_fields=["state", "updated_at"])
        review_pool_changed(application.call_id)
        ApplicationEvent.objects.create(application=application, kind=kind, by=by)
    return selection


def _thank(application: Application) -> None:
    if application.applicant_id is None:
        return
    notification_schedule(
        recipient=application.applicant,
        kind="application_thanks",
        key=f"application-thanks:{application.pk}",
        context={"title": application.call.mandate.title, "reference": application.reference},
    )
