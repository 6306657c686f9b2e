"""A confirmed selection to decline and expire against: a closed call whose applicants the engine seats."""

from __future__ import annotations

from mandates.models import Mandate
from recruitment.models import Application, Call, Invitation
from recruitment.review.selection import selection_confirm, selection_propose
from tests.recruitment.factories import ApplicationFactory, RatingFactory
from tests.recruitment.review_factories import closed_call, politicians


def applicant(
    call: Call, profile, *, gender: str, score: int, organisation: str = "", **fields
) -> Application:
    """An applicant for one profile, rated `score` by the first politician."""
    application = ApplicationFactory(
        call=call,
        profiles=[profile],
        gender=gender,
        organisation=organisation,
        takes_part_as_individual=bool(organisation),
        **fields,
    )
    RatingFactory(application=application, profile=profile, politician=politicians(call)[0], score=score)
    return application


def rules(call: Call, **values) -> None:
    """Set the mandate's balance rules (the factories' mandate is made in a lambda, out of reach)."""
    Mandate.objects.filter(pk=call.mandate_id).update(**values)
    call.mandate.refresh_from_db()


def confirm_the_proposal(call: Call):
    """Confirm what the engine proposes, with the public value for the draw known (scores may tie)."""
    Call.objects.filter(pk=call.pk).update(draw_public_value="7 12 23 31 40 / 3 18")
    call.refresh_from_db()
    proposal = selection_propose(call)
    assert proposal.feasible
    return selection_confirm(
        call=call,
        by=politicians(call)[0],
        rationale="Den bedste sammensætning.",
        seats={pid: list(ids) for pid, ids in proposal.assignment.items()},
        reserves={pid: list(ids) for pid, ids in proposal.reserves.items()},
    )


def pending(application: Application) -> Invitation:
    return application.invitations.get(state=Invitation.State.PENDING)


def five_seats_with_reserves(*reserves: tuple[str, int], share: int = 40):
    """One profile of five seats under a gender rule: three women and two men seated, then the reserves
    (gender, score) in the order given, all rated below the seated."""
    call = closed_call(profiles=1, seats=5)
    rules(call, min_gender_share=share)
    profile = call.mandate.profiles.get()
    women = [applicant(call, profile, gender="woman", score=5) for _ in range(3)]
    men = [applicant(call, profile, gender="man", score=4) for _ in range(2)]
    waiting = [applicant(call, profile, gender=g, score=s) for g, s in reserves]
    confirm_the_proposal(call)
    return call, profile, women, men, waiting
