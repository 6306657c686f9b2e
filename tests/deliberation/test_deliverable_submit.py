"""Comments while drafting, and submission: the mandate moves to delivered and the members are told."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deliberation.deliverables.services import (
    comment_add,
    deliverable_for,
    deliverable_submit,
    latest_version,
)
from deliberation.models import Deliverable
from mandates.models import Mandate
from notifications.emails import render_message
from notifications.models import Notification
from tests.deliberation.deliverable_factories import committee_at_work, drafted, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return committee_at_work()


def test_a_member_comments_on_a_section_of_the_current_version(cast):
    deliverable = drafted(cast)
    version = latest_version(deliverable)
    key = version.sections[1]["key"]
    comment = comment_add(
        deliverable=deliverable, section_key=key, by=cast.citizen, body="Flere klubber, tak."
    )
    assert comment.version == version and comment.author == cast.citizen and comment.section_key == key


def test_a_comment_on_an_unknown_section_is_refused(cast):
    deliverable = drafted(cast)
    with pytest.raises(ValidationError):
        comment_add(deliverable=deliverable, section_key="nope", by=cast.citizen, body="?")


def test_no_comments_once_submitted(cast):
    deliverable = submitted(cast)
    key = deliverable.submitted_version.sections[0]["key"]
    with pytest.raises(PermissionDenied):
        comment_add(deliverable=deliverable, section_key=key, by=cast.citizen, body="For sent")


def test_submitting_moves_the_mandate_to_delivered_and_tells_the_members(cast):
    deliverable = submitted(cast)
    assert deliverable.state == Deliverable.State.SUBMITTED
    assert deliverable.submitted_version == latest_version(deliverable)
    assert deliverable.submitted_at is not None
    assert cast.mandate.state == Mandate.State.DELIVERED
    transition = cast.mandate.transitions.get()
    assert (transition.from_state, transition.to_state, transition.by) == (
        "active",
        "delivered",
        cast.facilitator,
    )
    notes = Notification.objects.filter(kind="deliverable_submitted")
    assert {n.recipient for n in notes} == set(cast.members)
    message = render_message(notes.first())
    assert cast.committee.name in message.subject
    assert f"/committees/{cast.committee.mandate.slug}/deliverable/" in message.body
    assert f"/committees/{cast.committee.mandate.slug}/deliverable/" in message.alternatives[0][0]


def test_the_chair_may_submit(cast):
    deliverable = drafted(cast)
    deliverable_submit(deliverable=deliverable, by=cast.chair)
    assert cast.mandate.state == Mandate.State.DELIVERED


def test_a_citizen_member_may_not_submit(cast):
    deliverable = drafted(cast)
    with pytest.raises(PermissionDenied):
        deliverable_submit(deliverable=deliverable, by=cast.citizen)
    assert cast.mandate.state == Mandate.State.ACTIVE


def test_nothing_to_submit_without_a_version(cast):
    with pytest.raises(ValidationError):
        deliverable_submit(deliverable=deliverable_for(committee=cast.committee), by=cast.facilitator)
