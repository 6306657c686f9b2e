"""Seats that only a draw can decide: a holder whom an equally suited applicant left out could replace.

Pure Python on the engine's types; no Django. A seat (holder h, profile p) is *tied* when someone not
seated applied for p with the same fit (within the engine's FIT_TOLERANCE) and could take h's place
without breaking a balance rule. Between them the engine has no reason to prefer either: with a
published draw it takes whoever was drawn first, without one it takes whichever its solver meets
first, so the seat must not be confirmed until the public value is known, unless the politicians
decide the tie themselves (they pin the one they choose, and say why).

This names the ties at the seat line that a single swap reveals, which is what "equally suited" means
to a committee; longer chains of swaps across profiles that leave the total fit unchanged are not
looked for.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from recruitment.engine.balance import broken_rules
from recruitment.engine.matching import FIT_TOLERANCE, Candidate, Problem, weight


@dataclass(frozen=True)
class TiedSeat:
    profile_id: int
    holder: int
    rivals: tuple[int, ...]  # equally suited, left out, and able to take the seat within the rules
    pinned: bool = False  # the politicians put the holder there themselves


def tied_seats(problem: Problem, assignment: Mapping[int, Sequence[int]]) -> list[TiedSeat]:
    """Every seat of `assignment` (profile id -> holders) that an equally suited applicant could take."""
    by_id = {c.id: c for c in problem.candidates}
    seated = {cid for holders in assignment.values() for cid in holders}
    members = [by_id[cid] for cid in seated if cid in by_id]
    # The ones left out, by profile, then by the signature the rules read: one rule check per signature.
    waiting: dict[int, list[Candidate]] = defaultdict(list)
    for candidate in problem.candidates:
        if candidate.id in seated or candidate.id in problem.exclusions:
            continue
        for profile_id in dict.fromkeys(candidate.preferences):
            waiting[profile_id].append(candidate)
    ties = []
    for profile_id, holders in assignment.items():
        for holder_id in holders:
            holder = by_id.get(holder_id)
            if holder is None:
                continue
            fit = weight(holder, profile_id)
            others = [m for m in members if m.id != holder_id]
            verdict: dict[tuple, bool] = {}
            rivals = []
            for rival in waiting.get(profile_id, ()):
                if abs(weight(rival, profile_id) - fit) > FIT_TOLERANCE:
                    continue
                signature = (rival.gender, rival.organisation, rival.district)
                if signature not in verdict:
                    verdict[signature] = not broken_rules(problem.rules, [*others, rival])
                if verdict[signature]:
                    rivals.append(rival.id)
            if rivals:
                pinned = (holder_id, profile_id) in problem.pins
                ties.append(TiedSeat(profile_id, holder_id, tuple(sorted(rivals)), pinned))
    return ties
