"""The mandate's balance rules applied to people already chosen, and the reserve who takes a free seat.

Pure Python on the engine's own types; no Django. After the politicians confirm a selection, the seated
and the invited are *held*: a decline or an expired invitation frees one seat, and the next invitation
must keep every rule with everyone held fixed. The engine decides that, with the held pinned to their
seats and only the free seat open, so the rule it keeps is exactly the rule the proposal kept:

- gender (share s > 0):  100 * women >= s * selected - 99, and likewise men (floor(s % of selected));
- organisation, district: at most N selected per value (people without one are never limited).

The reserves' own fit no longer matters: the politicians confirmed the reserve list in its order, so
among those who keep the rules the earliest on that list is offered the seat (the engine's draw level,
fed with the list as its order). `reserve_order` shows the same choice to people: those who keep every
rule in list order, then those passed over with the rules each would break.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from recruitment.engine.matching import Candidate, Problem, Profile, Rules, solve

GENDER_GROUPS = ("woman", "man")


def broken_rules(rules: Rules, members: Sequence[Candidate]) -> tuple[str, ...]:
    """The balance rules that these people, seated together, break (in the engine's order of rules)."""
    broken = []
    share = rules.min_gender_share
    if share > 0:
        genders = Counter(m.gender for m in members)
        if any(100 * genders[g] < share * len(members) - 99 for g in GENDER_GROUPS):
            broken.append("gender")
    for rule, limit in (("organisation", rules.max_per_organisation), ("district", rules.max_per_district)):
        if limit is None:
            continue
        counts = Counter(getattr(m, rule) for m in members if getattr(m, rule) is not None)
        if any(n > limit for n in counts.values()):
            broken.append(rule)
    return tuple(broken)


@dataclass(frozen=True)
class ReserveStanding:
    """A reserve as a free seat sees them: the rules they would break by taking it (none: they keep all)."""

    candidate: Candidate
    breaks: tuple[str, ...]

    @property
    def keeps_rules(self) -> bool:
        return not self.breaks


def reserve_order(
    rules: Rules, held: Sequence[Candidate], reserves: Sequence[Candidate]
) -> list[ReserveStanding]:
    """The reserves in the order one free seat is offered: those who keep every rule with the held, in
    list order, then those passed over, in list order, each with the rules they would break."""
    standings = [ReserveStanding(r, broken_rules(rules, [*held, r])) for r in reserves]
    return [s for s in standings if s.keeps_rules] + [s for s in standings if not s.keeps_rules]


def reserve_pick(
    *,
    rules: Rules,
    held: Mapping[int, Sequence[Candidate]],
    profile_id: int,
    reserves: Sequence[Candidate],
    open_seats: int = 1,
) -> tuple[int, ...]:
    """The reserves (candidate ids) to invite for `open_seats` free seats of `profile_id`.

    `held` is everyone seated or invited, by profile; `reserves` is the profile's reserve list in its
    confirmed order. The engine fills the free seats with everyone held pinned: the earliest reserves
    who keep every rule; nobody when no reserve does, and the politicians decide. This is always the
    first of `reserve_order` who keeps every rule (a newcomer may even mend a rule the held break).
    """
    if open_seats <= 0 or not reserves:
        return ()
    held_ids = {c.id for members in held.values() for c in members}
    reserves = [r for r in reserves if r.id not in held_ids]
    # Everyone applied for their one seat only, with the same fit: the confirmed order alone decides.
    members = [replace(c, preferences=(p,), scores={}) for p, cs in held.items() for c in cs]
    newcomers = [replace(r, preferences=(profile_id,), scores={}) for r in reserves]
    seats = {p: len(cs) for p, cs in held.items()}
    seats[profile_id] = seats.get(profile_id, 0) + open_seats
    problem = Problem(
        candidates=(*members, *newcomers),
        profiles=tuple(Profile(id=p, seats=n) for p, n in seats.items()),
        rules=rules,
        pins=frozenset((c.id, p) for p, cs in held.items() for c in cs),
        tie_break=tuple(r.id for r in reserves),
    )
    result = solve(problem)
    if result.relaxed:
        return ()
    position = {r.id: i for i, r in enumerate(reserves)}
    chosen = [cid for cid in result.assignment.get(profile_id, ()) if cid in position]
    return tuple(sorted(chosen, key=position.__getitem__))
