"""The matching engine: who gets which seat, as an exact integer programme.

Pure Python, numpy and scipy; no Django, so the same inputs give the same proposal anywhere.

The model has one binary variable x[c, p] for each applicant c and each profile p they applied for
(applicants in `exclusions` get none). Constraints: each applicant takes at most one seat, each profile
at most `seats`, and the rules in force:

- gender (share s > 0):  women >= floor(s% of selected) and likewise men, written linearly for
                         integers as 100 * women >= s * selected - 99. Rounding down is what a council
                         means by "at least 40 %": one seat may go to anyone, ten seats need four of each;
                         rounding up would make a single seat impossible to fill;
- organisation:          at most N selected per organisation (applicants without one are never limited);
- district:              likewise per district;
- pins:                  x[c, p] = 1 for each pinned pair.

The objective is lexicographic: no amount of a lower level makes up for a loss at a higher one.

1. fill as many seats as the rules allow (a seat is never left empty to seat a stronger applicant
   in their first choice instead of two applicants elsewhere);
2. then maximise the total fit, `weight()`: 1 + mean rating (0 if unrated) + preference bonus;
3. then, among assignments whose fit is equal (within FIT_TOLERANCE), prefer applicants drawn early
   in `tie_break`: the sum of (n - position) over the selected.

Levels 1 and 2 are one HiGHS solve (a seat is worth more than any possible difference in fit); level 3
is a second solve restricted to the optimal face. A tiny tie-break term added to the weights would be
simpler but is below the solver's tolerances (1e-6 x 1/n), so the published draw would not reliably
decide; the second solve makes it decide exactly.

Before solving, variables no optimal assignment needs are left out (see `_Model.relevant`): with 12
seats, 20,000 applicants' 40,000 variables shrink to about 1,300, solved in well under a second.

Without pins, selecting nobody meets every rule, so only pins can make the problem infeasible; the
engine then names every rule whose removal alone restores feasibility and proposes the best assignment
without the pins. `shortfalls()` names rules that leave seats empty (e.g. too few men in the pool).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.optimize import Bounds, LinearConstraint, milp

ENGINE_VERSION = "samskab-match-1"

# Also the order in which rules are dropped when they cannot all be met (pins first: see `solve`).
RULES = ("pins", "gender", "organisation", "district")
PREFERENCE_BONUS = (0.5, 0.25)  # rank 1, rank 2; rank 3 and beyond get nothing
# Totals of fit closer than this are a tie for the draw. Means of 1-5 ratings by a committee's
# politicians differ by far more, so no real difference is ever treated as a tie.
FIT_TOLERANCE = 1e-6
TIME_LIMIT = 60.0  # seconds per HiGHS solve; the benchmark's largest instance needs well under 5


class SolverError(RuntimeError):
    """HiGHS stopped without proving optimality or infeasibility (time limit, numerical trouble)."""


@dataclass(frozen=True)
class Candidate:
    id: int
    preferences: tuple[int, ...]
    scores: Mapping[int, float] = field(default_factory=dict)
    gender: str | None = None
    organisation: str | None = None
    district: str | None = None


@dataclass(frozen=True)
class Profile:
    id: int
    seats: int


@dataclass(frozen=True)
class Rules:
    min_gender_share: int = 40
    max_per_organisation: int | None = 1
    max_per_district: int | None = None


@dataclass(frozen=True)
class Problem:
    candidates: tuple[Candidate, ...]
    profiles: tuple[Profile, ...]
    rules: Rules
    pins: frozenset[tuple[int, int]] = frozenset()
    exclusions: frozenset[int] = frozenset()
    tie_break: tuple[int, ...] = ()


@dataclass(frozen=True)
class Result:
    assignment: dict[int, tuple[int, ...]]
    reserves: dict[int, tuple[int, ...]]
    objective: float  # total fit of the assignment (sum of `weight`), without any tie-break
    feasible: bool
    unmet_rules: tuple[str, ...]
    relaxed: tuple[str, ...]


def weight(candidate: Candidate, profile_id: int) -> float:
    """Fit of a candidate for a profile they applied for: 1 for the seat + mean rating + preference bonus."""
    try:
        rank = candidate.preferences.index(profile_id)
    except ValueError:
        raise ValueError(f"candidate {candidate.id} did not apply for profile {profile_id}") from None
    return _fit(candidate, profile_id, rank)


def _fit(candidate: Candidate, profile_id: int, rank: int) -> float:
    bonus = PREFERENCE_BONUS[rank] if rank < len(PREFERENCE_BONUS) else 0.0
    return 1.0 + float(candidate.scores.get(profile_id) or 0.0) + bonus


def rules_in_force(problem: Problem) -> tuple[str, ...]:
    rules = problem.rules
    in_force = {
        "pins": bool(problem.pins),
        "gender": rules.min_gender_share > 0,
        "organisation": rules.max_per_organisation is not None,
        "district": rules.max_per_district is not None,
    }
    return tuple(rule for rule in RULES if in_force[rule])


def solve(problem: Problem, *, time_limit: float = TIME_LIMIT) -> Result:
    """The optimal assignment, or, when pins and rules clash, the best one without the pins."""
    _validate(problem)
    model = _Model(problem)
    chosen = _optimise(model, frozenset(), time_limit, draw=True)
    if chosen is not None:
        return _result(model, chosen, unmet=(), relaxed=())
    in_force = rules_in_force(problem)
    unmet = tuple(r for r in in_force if _optimise(model, frozenset({r}), time_limit) is not None)
    # Drop as few rules as possible, earliest in RULES first. Since dropping the pins always restores
    # feasibility, this is ("pins",) in practice; the loop keeps the rule honest if that ever changes.
    for size in range(1, len(in_force) + 1):
        for dropped in itertools.combinations(in_force, size):
            if size == 1 and dropped[0] not in unmet:
                continue
            chosen = _optimise(model, frozenset(dropped), time_limit, draw=True)
            if chosen is not None:
                return _result(model, chosen, unmet=unmet or in_force, relaxed=dropped)
    raise SolverError("no assignment satisfies even the seats")  # unreachable: nobody selected is feasible


def shortfalls(problem: Problem, result: Result, *, time_limit: float = TIME_LIMIT) -> tuple[str, ...]:
    """Rules in force that leave seats empty: without that one rule, more seats would be filled.

    One rule at a time, on top of what `result` already relaxed: two rules that only together leave a
    seat empty are not named. A pool of women only under a 40 % rule gives ("gender",).
    """
    model = _Model(problem)
    filled = sum(len(ids) for ids in result.assignment.values())
    already = frozenset(result.relaxed)
    named = []
    for rule in rules_in_force(problem):
        if rule in already:
            continue
        chosen = _optimise(model, already | {rule}, time_limit)
        if chosen is not None and int(chosen.sum()) > filled:
            named.append(rule)
    return tuple(named)


def _validate(problem: Problem) -> None:
    for kind, ids in (
        ("candidate", [c.id for c in problem.candidates]),
        ("profile", [p.id for p in problem.profiles]),
    ):
        if len(ids) != len(set(ids)):
            raise ValueError(f"duplicate {kind} ids")
    if any(p.seats < 0 for p in problem.profiles):
        raise ValueError("seats must be >= 0")
    rules = problem.rules
    if not 0 <= rules.min_gender_share <= 100:
        raise ValueError("min_gender_share is a percentage")
    if any(n is not None and n < 0 for n in (rules.max_per_organisation, rules.max_per_district)):
        raise ValueError("maximum per organisation or district must be >= 0")


class _Model:
    """The variables with their fit and draw value; constraint rows for any set of dropped rules."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        self.seats = {p.id: p.seats for p in problem.profiles}
        self.position: dict[int, int] = {}
        for position, candidate_id in enumerate(problem.tie_break):
            self.position.setdefault(candidate_id, position)
        self.pairs: list[tuple[Candidate, int]] = []
        fits = []
        for candidate in problem.candidates:
            if candidate.id in problem.exclusions:
                continue
            for rank, profile_id in enumerate(candidate.preferences):
                if profile_id in self.seats and profile_id not in candidate.preferences[:rank]:
                    self.pairs.append((candidate, profile_id))
                    fits.append(_fit(candidate, profile_id, rank))
        self.index = {(c.id, p): i for i, (c, p) in enumerate(self.pairs)}
        # Means of ratings arrive as floats; rounding lets means summed in another order tie exactly.
        self.fit = np.round(np.array(fits, dtype=float), 9)
        # Earlier in the draw = higher value; candidates not drawn get 0 and rank after all drawn.
        n = len(problem.tie_break)
        self.draw = np.array([n - self.position.get(c.id, n) for c, _ in self.pairs], dtype=float)
        self.candidate_id = np.array([c.id for c, _ in self.pairs], dtype=np.int64)
        self.profile = _codes([p for _, p in self.pairs])
        self.gender = _codes([_gender_group(c.gender) for c, _ in self.pairs])
        self.organisation = _codes([c.organisation for c, _ in self.pairs])
        self.district = _codes([c.district for c, _ in self.pairs])
        self.capacity = min(sum(self.seats.values()), len(set(self.candidate_id.tolist())))
        spread = float(np.abs(self.fit).max()) if len(self.fit) else 0.0
        # Worth more than any difference in total fit between two assignments: fill seats first.
        self.seat_value = 1.0 + 2.0 * spread * self.capacity

    def pinned(self) -> list[int] | None:
        """Indices of the pinned variables, or None when a pin names no variable (excluded, not applied)."""
        indices = [self.index.get(pin) for pin in sorted(self.problem.pins)]
        return None if None in indices else indices

    def ranking(self) -> np.ndarray:
        """Indices of the pairs by fit, then draw, then candidate id (best first)."""
        return np.lexsort((self.candidate_id, -self.draw, -self.fit))

    def relevant(self, dropped: frozenset[str]) -> np.ndarray:
        """Indices of the variables that some optimal assignment may use; the others are left out.

        Call c' a *dominator* of c for profile p when c' also applied for p, ranks before c there
        (higher fit, then earlier in the draw, then lower id) and is at least as free under the rules:
        same gender group, organisation none or the same, district none or the same. If c holds p and a
        dominator sits idle, giving p to the dominator breaks no rule and loses nothing; repeating
        such swaps ends in an optimal assignment where every seated c has all its dominators seated too.
        So c can never hold p in it when c has as many dominators as there are seats, or as many in its
        own district (organisation) as that rule allows. Pinned variables are always kept; an optimal
        assignment of the whole problem is always among those kept.
        """
        rules = self.problem.rules
        n = len(self.pairs)
        none = np.zeros(n, dtype=np.int64)  # code 0 is "no organisation", "no district"
        g = self.gender if "gender" not in dropped and rules.min_gender_share > 0 else none
        org_limit = None if "organisation" in dropped else rules.max_per_organisation
        district_limit = None if "district" in dropped else rules.max_per_district
        o = self.organisation if org_limit is not None else none
        d = self.district if district_limit is not None else none
        rank = np.empty(n, dtype=np.int64)
        rank[np.lexsort((self.candidate_id, -self.draw, -self.fit, self.profile))] = np.arange(n)

        def group(org: np.ndarray, district: np.ndarray) -> np.ndarray:
            key = ((self.profile * 4 + g) * (o.max(initial=0) + 1) + org) * (d.max(initial=0) + 1) + district
            return key * (n + 1)

        members = np.sort(group(o, d) + rank)

        def before(org: np.ndarray, district: np.ndarray) -> np.ndarray:
            """How many of group (profile, gender, org, district) rank before each pair for its profile."""
            start = group(org, district)
            return np.searchsorted(members, start + rank) - np.searchsorted(members, start)

        has_o, has_d = o > 0, d > 0
        own = before(o, d)
        org_none = np.where(has_o, before(none, d), 0)
        district_none = np.where(has_d, before(o, none), 0)
        neither = np.where(has_o & has_d, before(none, none), 0)
        crowded = own + org_none + district_none + neither >= self.capacity
        if district_limit is not None:
            crowded |= has_d & (own + org_none >= district_limit)
        if org_limit is not None:
            crowded |= has_o & (own + district_none >= org_limit)
        if "pins" not in dropped:
            crowded[self.pinned() or []] = False
        return np.flatnonzero(~crowded)

    def constraints(self, columns: np.ndarray, dropped: frozenset[str]) -> list[LinearConstraint]:
        """Rows over the given variables: seats, one profile per applicant, and each rule not dropped."""
        rules = self.problem.rules
        pairs = [self.pairs[i] for i in columns]
        by_profile: dict[int, list[int]] = defaultdict(list)
        by_candidate: dict[int, list[int]] = defaultdict(list)
        for j, (candidate, profile_id) in enumerate(pairs):
            by_profile[profile_id].append(j)
            by_candidate[candidate.id].append(j)
        groups = list(by_profile.values()) + [js for js in by_candidate.values() if len(js) > 1]
        upper = [self.seats[p] for p in by_profile] + [1] * (len(groups) - len(by_profile))
        rows = [_sum_rows(groups, upper, len(pairs))]
        share = rules.min_gender_share
        if "gender" not in dropped and share > 0 and pairs:
            genders = np.array([c.gender for c, _ in pairs], dtype=object)
            a = np.vstack([100.0 * (genders == g) - share for g in ("woman", "man")])
            # 100 * women - s * selected >= -99  <=>  women >= floor(s * selected / 100) (integers).
            rows.append(LinearConstraint(sparse.csr_array(a), -99.0, np.inf))
        for rule, limit in (
            ("organisation", rules.max_per_organisation),
            ("district", rules.max_per_district),
        ):
            if rule in dropped or limit is None:
                continue
            members: dict[str, list[int]] = defaultdict(list)
            for j, (candidate, _) in enumerate(pairs):
                if getattr(candidate, rule) is not None:
                    members[getattr(candidate, rule)].append(j)
            binding = [js for js in members.values() if len({pairs[j][0].id for j in js}) > limit]
            if binding:
                rows.append(_sum_rows(binding, [limit] * len(binding), len(pairs)))
        return rows


def _gender_group(gender: str | None) -> str:
    # "other", "unspecified" and None all count only towards the total selected.
    return gender if gender in ("woman", "man") else "rest"


def _codes(values: list) -> np.ndarray:
    """Small integers for the values, in order of first appearance; None is 0."""
    codes: dict[object, int] = {None: 0}
    return np.array([codes.setdefault(v, len(codes)) for v in values], dtype=np.int64)


def _sum_rows(groups: list[list[int]], upper: list[float], n: int) -> LinearConstraint:
    rows = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    cols = np.fromiter(itertools.chain.from_iterable(groups), dtype=np.int64, count=len(rows))
    a = sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(len(groups), n))
    return LinearConstraint(a, -np.inf, np.asarray(upper, dtype=float))


def _optimise(
    model: _Model, dropped: frozenset[str], time_limit: float, *, draw: bool = False
) -> np.ndarray | None:
    """The chosen variables (boolean mask over all pairs) of an optimal assignment, or None if infeasible."""
    chosen = np.zeros(len(model.pairs), dtype=bool)
    if "pins" not in dropped and model.pinned() is None:
        return None
    columns = model.relevant(dropped)
    if len(columns) == 0:
        return chosen
    lower = np.zeros(len(columns))
    if "pins" not in dropped:
        lower[np.isin(columns, model.pinned())] = 1.0
    constraints = model.constraints(columns, dropped)
    bounds = Bounds(lower, np.ones(len(columns)))
    value = model.seat_value + model.fit[columns]
    picked = _milp(-value, constraints, bounds, time_limit)
    if picked is None:
        return None
    if draw and model.position:
        best = float(value[picked].sum())
        optimal_face = LinearConstraint(value[np.newaxis, :], best - FIT_TOLERANCE, np.inf)
        drawn = _milp(-model.draw[columns], [*constraints, optimal_face], bounds, time_limit)
        # The first answer lies on that face, so this cannot be infeasible; should the solver's
        # tolerances ever let it slip, keep the first answer rather than give up fit for the draw.
        if drawn is not None and float(value[drawn].sum()) >= best - FIT_TOLERANCE:
            picked = drawn
    chosen[columns[picked]] = True
    return chosen


def _milp(c: np.ndarray, constraints: list, bounds: Bounds, time_limit: float) -> np.ndarray | None:
    res = milp(
        c,
        integrality=np.ones(len(c)),
        bounds=bounds,
        constraints=constraints,
        # mip_rel_gap 0: stop only at a proven optimum (HiGHS' absolute gap is 1e-6), not within 0.01 %.
        options={"time_limit": time_limit, "mip_rel_gap": 0.0},
    )
    if res.status == 0:
        return res.x > 0.5
    if res.status == 2:
        return None
    raise SolverError(f"HiGHS stopped without a proven answer (status {res.status}): {res.message}")


def _result(model: _Model, chosen: np.ndarray, *, unmet: tuple[str, ...], relaxed: tuple[str, ...]) -> Result:
    seated = {model.pairs[i][0].id for i in np.flatnonzero(chosen)}
    assignment: dict[int, list[int]] = {p.id: [] for p in model.problem.profiles}
    reserves: dict[int, list[int]] = {p.id: [] for p in model.problem.profiles}
    for i in model.ranking():
        candidate, profile_id = model.pairs[i]
        if chosen[i]:
            assignment[profile_id].append(candidate.id)
        elif candidate.id not in seated:
            reserves[profile_id].append(candidate.id)
    return Result(
        assignment={p: tuple(ids) for p, ids in assignment.items()},
        reserves={p: tuple(ids) for p, ids in reserves.items()},
        objective=float(sum(model.fit[i] for i in np.flatnonzero(chosen))),
        feasible=not relaxed,
        unmet_rules=unmet,
        relaxed=relaxed,
    )
