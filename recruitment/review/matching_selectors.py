"""Reads for the matching page and the confirmed selection: the engine's proposal with each applicant, their
fit and ratings, the politicians' adjustments, and the seats, reserves and invitations once confirmed. Each
costs a fixed number of queries however many people applied."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mandates.models import CompetenceProfile
from recruitment.engine import matching as engine
from recruitment.models import Application, Call, Invitation, Placement
from recruitment.review.selection import _normalised as normalised_organisation
from recruitment.review.selectors import NO_RATINGS, UNKNOWN, Pool, RatingStats, rating_stats

# --- The confirmed selection.


@dataclass
class ConfirmedProfile:
    profile: CompetenceProfile
    seats: list[Placement]
    reserves: list[Placement]
    invitations: list[Invitation]


def confirmed_selection(call: Call, selection) -> list[ConfirmedProfile]:
    placements = Placement.objects.filter(selection=selection).select_related("application__applicant")
    invitations = (
        Invitation.objects.filter(application__call=call)
        .select_related("application__applicant")
        .order_by("sent_at")
    )
    by_profile: dict[int, ConfirmedProfile] = {
        p.pk: ConfirmedProfile(p, [], [], []) for p in call.mandate.profiles.all()
    }
    for placement in placements:
        group = by_profile[placement.profile_id]
        (group.seats if placement.kind == Placement.Kind.SEAT else group.reserves).append(placement)
    for invitation in invitations:
        by_profile[invitation.profile_id].invitations.append(invitation)
    for group in by_profile.values():
        group.reserves.sort(key=lambda p: p.position)
    return list(by_profile.values())


# --- The engine's proposal, as the matching page shows it.


@dataclass
class ProposedSeat:
    application: Application
    weight: float
    ratings: RatingStats
    pinned: bool = False


@dataclass
class ProposedProfile:
    profile: object
    seats: list[ProposedSeat]
    reserves: list[ProposedSeat]

    @property
    def empty(self) -> int:
        return max(self.profile.seats - len(self.seats), 0)


def proposal_applications(
    call: Call, result: engine.Result | None, pins, exclusions, *, also=frozenset()
) -> dict[int, Application]:
    """The call's applications the matching page names (proposed, pinned, excluded, tied: `also`), in one
    query."""
    ids = {a for a, _p in pins} | set(exclusions) | set(also)
    if result is not None:
        ids |= {pk for ids in (*result.assignment.values(), *result.reserves.values()) for pk in ids}
    return call.applications.filter(pk__in=ids).select_related("applicant").in_bulk()


def proposal(
    call: Call,
    problem: engine.Problem,
    result: engine.Result,
    *,
    applications: dict[int, Application] | None = None,
    stats: dict[tuple[int, int], RatingStats] | None = None,
) -> list[ProposedProfile]:
    """The engine's result with each applicant, their fit and ratings: at most two queries, none when
    the caller passes the applications and the rating stats."""
    candidates = {c.id: c for c in problem.candidates}
    if applications is None:
        applications = proposal_applications(call, result, (), ())
    if stats is None:
        stats = rating_stats(call)

    def seat(pk: int, profile_id: int) -> ProposedSeat:
        return ProposedSeat(
            application=applications[pk],
            weight=engine.weight(candidates[pk], profile_id),
            ratings=stats.get((pk, profile_id), NO_RATINGS),
            pinned=(pk, profile_id) in problem.pins,
        )

    return [
        ProposedProfile(
            profile=profile,
            seats=[seat(pk, profile.pk) for pk in result.assignment.get(profile.pk, ())],
            reserves=[seat(pk, profile.pk) for pk in result.reserves.get(profile.pk, ())],
        )
        for profile in call.mandate.profiles.all()
    ]


def adjustment_rows(
    call: Call, pins, exclusions, *, applications: dict[int, Application] | None = None
) -> tuple[list, list]:
    """The current pins and exclusions with the applicant's reference and name, for the form."""
    if applications is None:
        applications = proposal_applications(call, None, pins, exclusions)
    profiles = {p.pk: p for p in call.mandate.profiles.all()}
    pinned = [
        (f"{a}:{p}", applications[a], profiles[p])
        for a, p in sorted(pins)
        if a in applications and p in profiles
    ]
    excluded = [applications[a] for a in sorted(exclusions) if a in applications]
    return pinned, excluded


@dataclass
class Balance:
    """The proposed selection measured against the mandate's balance rules."""

    seated: int
    genders: list[tuple[str, int, float]] = field(default_factory=list)  # (gender, count, share %)
    organisations: list[tuple[str, int]] = field(default_factory=list)
    districts: list[tuple[str, int]] = field(default_factory=list)


def proposal_balance(pool: Pool, assignment: dict[int, list[int]]) -> Balance:
    by_id = pool.by_id
    seated = [by_id[pk] for pks in assignment.values() for pk in pks if pk in by_id]
    total = len(seated) or 1
    genders = Counter(a.gender or UNKNOWN for a in seated)
    order = [*Application.Gender.values, UNKNOWN]
    organisations = Counter(normalised_organisation(a.organisation) for a in seated)
    spelling = {}  # each organisation under the first spelling met, as the applicant wrote it
    for application in seated:
        spelling.setdefault(
            normalised_organisation(application.organisation), application.organisation.strip()
        )
    districts = Counter(a.district for a in seated if a.district)
    return Balance(
        seated=len(seated),
        genders=[
            (g, genders[g], round(100 * genders[g] / total, 1))
            for g in order
            if genders[g] or g in ("woman", "man")
        ],
        organisations=sorted(
            ((spelling[o], n) for o, n in organisations.items() if o), key=lambda item: (-item[1], item[0])
        ),
        districts=sorted(districts.items(), key=lambda item: (-item[1], item[0])),
    )
