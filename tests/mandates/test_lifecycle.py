"""The mandate's lifecycle: one table of allowed moves, each move recorded, every other move refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from committees.services import mandate_move
from mandates.models import Mandate, MandateTransition, ReceivingBody
from mandates.services import ALLOWED_MOVES
from tests.mandates.conftest import meeting_on

pytestmark = pytest.mark.django_db

S = Mandate.State
ALLOWED = [(a, b) for a, targets in ALLOWED_MOVES.items() for b in targets]
FORBIDDEN = [(a, b) for a in S.values for b in S.values if b not in ALLOWED_MOVES[a]]


def put_in_state(mandate: Mandate, state: str) -> Mandate:
    Mandate.objects.filter(pk=mandate.pk).update(state=state)
    mandate.refresh_from_db()
    return mandate


def test_the_table_names_every_state_and_only_closed_is_final():
    assert set(ALLOWED_MOVES) == set(S.values)
    assert [state for state, targets in ALLOWED_MOVES.items() if not targets] == [S.CLOSED]


@pytest.mark.parametrize(("source", "target"), ALLOWED)
def test_an_allowed_move_changes_the_state_and_is_recorded(adoptable_mandate, staff, source, target):
    mandate = put_in_state(adoptable_mandate, source)
    transition = mandate_move(mandate=mandate, to=target, by=staff, note="Punkt 4")
    mandate.refresh_from_db()
    assert mandate.state == target
    assert (transition.from_state, transition.to_state, transition.by, transition.note) == (
        source,
        target,
        staff,
        "Punkt 4",
    )


@pytest.mark.parametrize(("source", "target"), FORBIDDEN)
def test_a_forbidden_move_is_refused_with_a_clear_message_and_changes_nothing(
    adoptable_mandate, staff, source, target
):
    mandate = put_in_state(adoptable_mandate, source)
    with pytest.raises(ValidationError) as refused:
        mandate_move(mandate=mandate, to=target, by=staff)
    assert "cannot move from" in refused.value.messages[0]
    mandate.refresh_from_db()
    assert mandate.state == source
    assert not MandateTransition.objects.exists()


def test_an_unknown_state_is_refused(adoptable_mandate, staff):
    with pytest.raises(ValidationError):
        mandate_move(mandate=adoptable_mandate, to="abolished", by=staff)


def test_adoption_constitutes_the_committee(adoptable_mandate, staff):
    assert adoptable_mandate.committee.constituted_at is None
    mandate_move(mandate=adoptable_mandate, to=S.ADOPTED, by=staff)
    adoptable_mandate.committee.refresh_from_db()
    assert adoptable_mandate.committee.constituted_at is not None


@pytest.mark.parametrize(
    ("undo", "expected"),
    [
        (lambda m: Mandate.objects.filter(pk=m.pk).update(starts_on=None), "time frame"),
        (lambda m: m.tasks.all().delete(), "at least one task"),
        (lambda m: m.profiles.all().delete(), "at least one competence profile"),
        (lambda m: m.receiving_bodies.all().delete(), "bodies that receive the delivery"),
        (lambda m: m.receiving_bodies.filter(order=1).update(order=3), "must end with the City Council"),
        (lambda m: Mandate.objects.filter(pk=m.pk).update(adopted_on=None), "adoption record"),
        (lambda m: Mandate.objects.filter(pk=m.pk).update(adopted_by=None), "adoption record"),
    ],
)
def test_adoption_needs_complete_data_and_says_what_is_missing(adoptable_mandate, staff, undo, expected):
    undo(adoptable_mandate)
    with pytest.raises(ValidationError) as refused:
        mandate_move(mandate=adoptable_mandate, to=S.ADOPTED, by=staff)
    assert any(expected in message for message in refused.value.messages), refused.value.messages
    adoptable_mandate.refresh_from_db()
    assert adoptable_mandate.state == S.DRAFT


def test_adoption_is_refused_while_a_meeting_lies_outside_the_time_frame(adoptable_mandate, staff):
    meeting_on(adoptable_mandate.committee, 9, date(2026, 12, 1))  # entered before the frame moved
    with pytest.raises(ValidationError) as refused:
        mandate_move(mandate=adoptable_mandate, to=S.ADOPTED, by=staff)
    assert "Meeting 9" in refused.value.messages[0]


def test_adoption_reports_every_problem_at_once(council, staff):
    mandate = Mandate.objects.create(title="Tom", slug="tom", problem="?", delivery_kind="vision")
    with pytest.raises(ValidationError) as refused:
        mandate_move(mandate=mandate, to=S.ADOPTED, by=staff)
    assert len(refused.value.messages) == 5


def test_the_route_ending_at_a_standing_committee_is_not_enough(adoptable_mandate, staff, council):
    ReceivingBody.objects.filter(mandate=adoptable_mandate, body=council).delete()
    with pytest.raises(ValidationError):
        mandate_move(mandate=adoptable_mandate, to=S.ADOPTED, by=staff)
