"""The committee's seats after the selection: who holds them, which are free, and who is offered a free seat.

A seat is *held* by an applicant whose invitation is pending or accepted. When one is declined or expires,
the seat goes to the earliest reserve on the profile's confirmed list who keeps every balance rule with
everyone held fixed (`engine.balance`, the engine with the held pinned). Where no reserve does, the
seat waits for the politicians, who are told, and decide in `seat_decisions`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse

from audit.services import log
from committees.models import Membership
from mandates.models import CompetenceProfile, Mandate
from recruitment.engine import balance, matching
from recruitment.models import Application, Call, Invitation, Placement, SeatDecision
from recruitment.offers import invitation_send
from recruitment.review.selection import as_candidate, rules_of

HOLDING = (Invitation.State.PENDING, Invitation.State.ACCEPTED)


@dataclass
class ProfileSeats:
    """One profile after the selection: who holds its seats, how many are free, and its reserves in the
    order a free seat is offered (with the rules each reserve would break, once a seat is free)."""

    profile: CompetenceProfile
    held: list[Invitation]
    left_empty: int
    reserves: list[Application]
    standings: list[balance.ReserveStanding] = field(default_factory=list)

    @property
    def free(self) -> int:
        return max(self.profile.seats - len(self.held) - self.left_empty, 0)

    @property
    def waiting(self) -> bool:
        """A free seat that no reserve can take within the rules: the politicians decide."""
        return self.free > 0 and not any(s.keeps_rules for s in self.standings)


@dataclass
class Seats:
    call: Call
    profiles: list[ProfileSeats]
    decisions: list[SeatDecision]
    rules: matching.Rules

    def by_profile(self, profile_id: int) -> ProfileSeats:
        return next(p for p in self.profiles if p.profile.pk == profile_id)

    def held_candidates(self, *, without: int | None = None) -> dict[int, list[matching.Candidate]]:
        return {
            p.profile.pk: [as_candidate(i.application) for i in p.held if i.application_id != without]
            for p in self.profiles
        }

    @property
    def waived(self) -> set[str]:
        """The rules a politician has knowingly accepted broken, with a recorded reason."""
        return {rule for d in self.decisions for rule in d.rules}


def seats_of(call: Call) -> Seats:
    """Every profile's seats, in three queries: the holding invitations, the reserves, the decisions."""
    mandate = call.mandate
    held: dict[int, list[Invitation]] = defaultdict(list)
    for invitation in (
        Invitation.objects.filter(application__call=call, state__in=HOLDING)
        .select_related("application__applicant")
        .order_by("sent_at", "pk")
    ):
        held[invitation.profile_id].append(invitation)
    reserves: dict[int, list[Application]] = defaultdict(list)
    for placement in (
        Placement.objects.filter(
            selection__call=call, kind=Placement.Kind.RESERVE, application__state=Application.State.RESERVE
        )
        .select_related("application__applicant")
        .order_by("position", "pk")
    ):
        reserves[placement.profile_id].append(placement.application)
    decisions = list(SeatDecision.objects.filter(call=call).select_related("by", "application__applicant"))
    empty: dict[int, int] = defaultdict(int)
    for decision in decisions:
        if decision.kind == SeatDecision.Kind.LEAVE_EMPTY:
            empty[decision.profile_id] += 1
    seats = Seats(
        call=call,
        profiles=[
            ProfileSeats(profile=p, held=held[p.pk], left_empty=empty[p.pk], reserves=reserves[p.pk])
            for p in mandate.profiles.all()
        ],
        decisions=decisions,
        rules=rules_of(mandate),
    )
    every_held = [c for cs in seats.held_candidates().values() for c in cs]
    for entry in seats.profiles:
        if entry.free:
            candidates = [as_candidate(a) for a in entry.reserves]
            entry.standings = balance.reserve_order(seats.rules, every_held, candidates)
    return seats


def order_reserves(entry: ProfileSeats) -> list[tuple[Application, tuple[str, ...] | None]]:
    """The reserves as the page lists them: in the order a free seat is offered, each with the rules they
    would break (None while no seat of the profile is free: then it is the confirmed list order)."""
    if not entry.free:
        return [(a, None) for a in entry.reserves]
    by_id = {a.pk: a for a in entry.reserves}
    return [(by_id[s.candidate.id], s.breaks) for s in entry.standings]


@dataclass
class Offer:
    invited: list[Invitation]
    passed_over: list[tuple[Application, tuple[str, ...]]]
    waiting: bool
    rules: tuple[str, ...]  # what stops the reserves passed over (all of them, when waiting)


def seat_offer(*, call: Call, profile_id: int, by=None) -> Offer:
    """A seat of the profile is free: invite the earliest reserves who keep every rule, or leave the
    seat waiting for the politicians. Runs inside the caller's transaction, with the call row locked."""
    Call.objects.select_for_update(of=("self",)).filter(pk=call.pk).first()
    seats = seats_of(call)
    entry = seats.by_profile(profile_id)
    if not entry.free:
        return Offer([], [], waiting=False, rules=())
    picked = balance.reserve_pick(
        rules=seats.rules,
        held=seats.held_candidates(),
        profile_id=profile_id,
        reserves=[as_candidate(a) for a in entry.reserves],
        open_seats=entry.free,
    )
    by_id = {a.pk: a for a in entry.reserves}
    last = max((entry.reserves.index(by_id[pk]) for pk in picked), default=len(entry.reserves) - 1)
    breaks = {s.candidate.id: s.breaks for s in entry.standings}
    passed_over = [(a, breaks[a.pk]) for a in entry.reserves[: last + 1] if breaks.get(a.pk)]
    invited = []
    for pk in picked:
        invitation = invitation_send(application=by_id[pk], profile_id=profile_id, by=by)
        log(
            invitation,
            "reserve.offered",
            by=by,
            data={
                "profile": entry.profile.title,
                "reference": by_id[pk].reference,
                "passed_over": [{"reference": a.reference, "rules": list(r)} for a, r in passed_over],
            },
        )
        invited.append(invitation)
    rules = tuple(dict.fromkeys(rule for _a, r in passed_over for rule in r))
    return Offer(invited, passed_over, waiting=len(picked) < entry.free, rules=rules)


def matching_url(call: Call) -> str:
    return settings.SITE_URL + reverse("recruitment:matching", args=[call.pk])


def politicians_of(call: Call):
    return (
        Membership.objects.active()
        .filter(committee__mandate_id=call.mandate_id, role=Membership.Role.POLITICIAN)
        .select_related("user")
    )


def rule_context(mandate: Mandate, rules) -> dict:
    """What a mail needs to name balance rules in its reader's language."""
    return {
        "rules": list(rules),
        "share": mandate.min_gender_share,
        "per_organisation": mandate.max_per_organisation,
        "per_district": mandate.max_per_district,
    }
