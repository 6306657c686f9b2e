"""The draw on a call: which seats ties decide, whether the public value that seeds the draw is known, and
what is published so anyone can re-run it.

A tie decides a seat when an equally suited applicant left out could take it within the rules
(`recruitment.engine.ties`). Such a seat is decided by the published draw, whose order is fixed by the public
value that staff enter once it is known; until then it cannot be confirmed, unless the politicians pin
the applicant they choose and say why.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from recruitment.engine import lottery, matching
from recruitment.engine.ties import TiedSeat, tied_seats
from recruitment.models import Application, Call, Selection


def draw_order(call: Call) -> list[str]:
    """The published draw over the candidates' references (those still in the running when the call
    closed, sorted), once the public value is known."""
    if not call.draw_public_value:
        return []
    references = sorted(
        call.applications.filter(state=Application.State.SUBMITTED).values_list("reference", flat=True)
    )
    return lottery.draw(references, call.draw_public_value)


@dataclass
class DrawCheck:
    by_draw: list[TiedSeat]  # ties the draw decides (or will, once the public value is known)
    by_hand: list[TiedSeat]  # ties the politicians decided by pinning the holder
    order: list[str]  # the draw's order of references; empty while the public value is not known

    @property
    def known(self) -> bool:
        return bool(self.order)

    @property
    def blocked(self) -> bool:
        """Ties decide seats and nothing can tell the tied apart yet."""
        return bool(self.by_draw) and not self.known

    def drawn_first(self, references: dict[int, str]) -> bool:
        """Whether every seat the draw decides went to the one drawn before all their rivals."""
        position = {reference: n for n, reference in enumerate(self.order)}

        def drawn(application_id: int) -> int:
            return position.get(references[application_id], len(position))

        return all(drawn(t.holder) < min(drawn(r) for r in t.rivals) for t in self.by_draw)


def draw_check(call: Call, problem: matching.Problem, assignment) -> DrawCheck:
    """The ties of `assignment` (profile id -> application ids) under the problem the engine solved."""
    ties = tied_seats(problem, assignment)
    return DrawCheck(
        by_draw=[t for t in ties if not t.pinned],
        by_hand=[t for t in ties if t.pinned],
        order=draw_order(call) if call.draw_public_value else [],
    )


def decided_seats(check: DrawCheck, references: dict[int, str]) -> list[dict]:
    """What the selection keeps of its ties, by reference only: they are published."""
    return [
        {
            "profile": tie.profile_id,
            "holder": references[tie.holder],
            "rivals": sorted(references[r] for r in tie.rivals),
            "by_hand": tie.pinned,
        }
        for tie in [*check.by_draw, *check.by_hand]
    ]


@dataclass(frozen=True)
class PublishedDraw:
    """Everything someone needs to re-run the draw and check the result."""

    algorithm_version: str
    public_value: str
    seed: str
    candidates: list[str]
    result: list[str]

    @property
    def command(self) -> str:
        # Double quotes as people expect them, unless the value holds a character the shell would expand.
        safe = not any(c in self.public_value for c in '"$`\\!')
        value = f'"{self.public_value}"' if safe else shlex.quote(self.public_value)
        return " ".join(["python -m recruitment.lottery", value, *self.candidates])


def published_draw(call: Call, order: list[str]) -> PublishedDraw | None:
    if not (call.draw_public_value and order):
        return None
    return PublishedDraw(
        algorithm_version=lottery.ALGORITHM_VERSION,
        public_value=call.draw_public_value,
        seed=lottery.seed_from_public_value(call.draw_public_value).hex(),
        # The draw's input is the sorted references of the candidates: the same references as its result.
        candidates=sorted(order),
        result=list(order),
    )


def selection_draw(call: Call, selection: Selection | None) -> PublishedDraw | None:
    return published_draw(call, selection.draw_order) if selection else None


@dataclass(frozen=True)
class PublishedTie:
    profile: str
    holder: str
    rivals: list[str]
    by_hand: bool


def published_ties(call: Call, selection: Selection | None) -> list[PublishedTie]:
    """The seats a tie decided, by profile title and reference (the call's profiles are prefetched)."""
    titles = {p.pk: p.title for p in call.mandate.profiles.all()}
    return [
        PublishedTie(titles.get(seat["profile"], ""), seat["holder"], seat["rivals"], seat["by_hand"])
        for seat in (selection.tied_seats if selection else [])
    ]


@dataclass
class TieShown:
    """A tied seat as the committee reads it: the profile, who holds it, and who is equally suited."""

    profile: object
    holder: Application
    rivals: list[Application]
    drawn: int | None = None  # the holder's place in the draw, counting from 1


@dataclass
class DrawView:
    source: str
    by_draw: list[TieShown]
    by_hand: list[TieShown]
    published: PublishedDraw | None

    @property
    def blocked(self) -> bool:
        return bool(self.by_draw) and self.published is None


def draw_view(call: Call, check: DrawCheck, applications: dict[int, Application]) -> DrawView:
    """The ties of the proposal with the applicants' names (`applications` holds every one of them)."""
    profiles = {p.pk: p for p in call.mandate.profiles.all()}
    position = {reference: n for n, reference in enumerate(check.order, start=1)}

    def shown(tie: TiedSeat) -> TieShown:
        holder = applications[tie.holder]
        return TieShown(
            profile=profiles.get(tie.profile_id),
            holder=holder,
            rivals=[applications[r] for r in tie.rivals if r in applications],
            drawn=position.get(holder.reference),
        )

    return DrawView(
        source=call.draw_public_value_source,
        by_draw=[shown(t) for t in check.by_draw],
        by_hand=[shown(t) for t in check.by_hand],
        published=published_draw(call, check.order),
    )
