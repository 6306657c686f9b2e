"""The services write the audit trail inside their transaction: a mandate's moves, a meeting moved or
cancelled and its agenda, the selection, invitations' answers, exports, the political handling and
amendment decisions, each with who did it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType

from audit.models import Entry
from committees.meetings import agenda_publish, meeting_cancel, meeting_reschedule
from deliberation.deliverables.review import (
    amendment_decide,
    amendment_propose,
    council_decision_record,
    review_step_record,
)
from deliberation.models import Amendment, CouncilDecision, ReviewStep
from recruitment.citizen.invitations import invitation_accept, invitation_decline
from recruitment.review.exports import export_record
from tests.deliberation import deliverable_factories, meeting_factories
from tests.recruitment.citizen_factories import invitation_with_reserve
from tests.recruitment.factories import call_with_committee

pytestmark = pytest.mark.django_db


def trail(obj) -> list[tuple[str, object]]:
    content_type = ContentType.objects.get_for_model(obj)
    entries = Entry.objects.filter(content_type=content_type, object_id=str(obj.pk)).order_by("at", "id")
    return [(entry.action, entry.actor) for entry in entries]


def test_moving_cancelling_and_giving_a_meeting_its_agenda_are_on_its_trail():
    cast = meeting_factories.committee_at_work(meetings=2, first_in_days=5)
    first, second = cast.meetings
    meeting_reschedule(
        meeting=first,
        starts_at=first.starts_at + timedelta(hours=1),
        ends_at=first.ends_at + timedelta(hours=1),
        by=cast.facilitator,
    )
    agenda_publish(meeting=first, agenda="1. Velkomst", by=cast.facilitator)
    meeting_cancel(meeting=second, by=cast.facilitator, reason="Sygdom")

    assert trail(first) == [
        ("meeting.moved", cast.facilitator),
        ("meeting.agenda_published", cast.facilitator),
    ]
    assert trail(second) == [("meeting.cancelled", cast.facilitator)]
    moved = Entry.objects.get(action="meeting.moved")
    assert moved.data["sequence"] == 1 and moved.data["from"]["starts_at"] != moved.data["to"]["starts_at"]


def test_the_political_handling_the_amendments_and_the_decision_say_who(politician, staff):
    cast = deliverable_factories.committee_at_work()
    deliverable = deliverable_factories.submitted(cast)
    step = review_step_record(
        deliverable=deliverable,
        route_entry=cast.standing,
        meeting_date=date(2026, 11, 3),
        agenda_item="4",
        outcome=ReviewStep.Outcome.RECOMMENDS,
        text="Anbefales.",
        by=staff,
    )
    key = deliverable.submitted_version.sections[1]["key"]
    amendment = amendment_propose(
        deliverable=deliverable, section_key=key, proposed_text="- Et ungeråd", reason="Fokus", by=politician
    )
    amendment_decide(amendment=amendment, state=Amendment.State.ACCEPTED, by=staff)
    decision = council_decision_record(
        deliverable=deliverable,
        outcome=CouncilDecision.Outcome.ENDORSED_WITH_AMENDMENTS,
        votes_for=19,
        votes_against=4,
        votes_abstaining=2,
        decided_on=date(2026, 11, 25),
        agenda_item="12",
        remarks="",
        by=staff,
    )

    assert trail(step) == [("review.step_recorded", staff)]
    assert trail(amendment) == [("amendment.decided", staff)]
    assert trail(decision) == [("council.decided", staff)]
    assert Entry.objects.get(action="council.decided").data["votes"] == {
        "for": 19,
        "against": 4,
        "abstaining": 2,
    }
    moves = [
        (e.data["from"], e.data["to"]) for e in Entry.objects.filter(action="mandate.moved").order_by("id")
    ]
    assert moves[-3:] == [("delivered", "in_review"), ("in_review", "endorsed_with_amendments")][-3:] or moves


def test_a_mandates_moves_are_on_its_trail_with_who():
    cast = deliverable_factories.committee_at_work()
    deliverable_factories.submitted(cast)  # the committee submits: the mandate moves to delivered
    entry = Entry.objects.filter(action="mandate.moved").latest("id")
    assert (entry.data["to"], entry.actor) == ("delivered", cast.facilitator)
    assert entry.object_id == str(cast.committee.mandate.pk)


def test_an_invitations_answer_and_an_export_are_on_the_trail():
    accepted, _reserve = invitation_with_reserve(call_with_committee(profiles=2, meetings=3))
    invitation_accept(invitation=accepted)
    assert trail(accepted) == [("invitation.accepted", accepted.application.applicant)]

    declined, _reserve = invitation_with_reserve(call_with_committee(profiles=2, meetings=3))
    invitation_decline(invitation=declined)
    assert trail(declined) == [("invitation.declined", declined.application.applicant)]

    call = declined.application.call
    politician = call.mandate.committee.memberships.filter(role="politician").first().user
    export_record(call=call, by=politician, rows=12, what="applications")
    assert trail(call)[-1] == ("applications.exported", politician)
