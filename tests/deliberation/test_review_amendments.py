"""The route's review steps and the politicians' amendments: who may record them, and the agreed text
with its diff against the submitted version."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from deliberation.deliverables.review import amendment_decide, amendment_propose, review_step_record
from deliberation.deliverables.selectors import agreed_sections, deliverable_is_public
from deliberation.deliverables.services import version_diff
from deliberation.models import Amendment, ReviewStep
from mandates.models import Mandate
from tests.deliberation.deliverable_factories import committee_at_work, drafted, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast():
    return committee_at_work()


def _step(deliverable, entry, by, outcome=ReviewStep.Outcome.RECOMMENDS):
    return review_step_record(
        deliverable=deliverable,
        route_entry=entry,
        meeting_date=date(2026, 11, 3),
        agenda_item="7",
        outcome=outcome,
        text="Udvalget anbefaler forslaget.",
        by=by,
    )


def test_the_first_review_step_moves_the_mandate_into_review_and_makes_it_public(cast, staff):
    deliverable = submitted(cast)
    assert not deliverable_is_public(deliverable)
    _step(deliverable, cast.standing, staff)
    assert cast.mandate.state == Mandate.State.IN_REVIEW
    assert deliverable_is_public(deliverable)
    _step(deliverable, cast.council, staff, ReviewStep.Outcome.APPROVES)  # a second step: no second move
    assert cast.mandate.transitions.filter(to_state=Mandate.State.IN_REVIEW).count() == 1


def test_only_staff_record_review_steps(cast, politician):
    deliverable = submitted(cast)
    with pytest.raises(PermissionDenied):
        _step(deliverable, cast.standing, politician)


def test_a_review_step_needs_a_body_on_this_route_and_a_submitted_text(cast, staff):
    with pytest.raises(ValidationError):
        _step(drafted(cast), cast.standing, staff)
    other = committee_at_work()
    with pytest.raises(ValidationError):
        _step(submitted(other), cast.standing, staff)


def test_only_politicians_propose_amendments(cast):
    deliverable = submitted(cast)
    key = deliverable.submitted_version.sections[0]["key"]
    with pytest.raises(PermissionDenied):
        amendment_propose(
            deliverable=deliverable, section_key=key, proposed_text="x", reason="y", by=cast.citizen
        )


def test_the_original_text_is_the_sections_submitted_text(cast, politician):
    deliverable = submitted(cast)
    section = deliverable.submitted_version.sections[1]
    amendment = amendment_propose(
        deliverable=deliverable,
        section_key=section["key"],
        proposed_text="Nyt",
        reason="Bedre",
        by=politician,
    )
    assert amendment.original_text == section["body"] and amendment.state == Amendment.State.PROPOSED


def test_a_passage_must_be_in_the_section(cast, politician):
    deliverable = submitted(cast)
    key = deliverable.submitted_version.sections[0]["key"]
    with pytest.raises(ValidationError):
        amendment_propose(
            deliverable=deliverable,
            section_key=key,
            original_text="står der ikke",
            proposed_text="x",
            reason="y",
            by=politician,
        )


def test_agreed_text_applies_the_accepted_amendment_and_not_the_rejected_one(cast, politician, staff):
    deliverable = submitted(cast)
    vision, actions = deliverable.submitted_version.sections
    accepted = amendment_propose(
        deliverable=deliverable,
        section_key=vision["key"],
        original_text="Unge skal høres i alle sager.",
        proposed_text="Unge skal høres i alle sager, der angår dem.",
        reason="Præcisering",
        by=politician,
    )
    rejected = amendment_propose(
        deliverable=deliverable,
        section_key=actions["key"],
        proposed_text="- Ingen nye tiltag",
        reason="Økonomi",
        by=politician,
    )
    amendment_decide(amendment=accepted, state=Amendment.State.ACCEPTED, by=staff)
    amendment_decide(amendment=rejected, state=Amendment.State.REJECTED, by=staff)

    agreed = agreed_sections(deliverable)
    assert agreed[0]["body"] == "Alle unge skal trives.\n\nUnge skal høres i alle sager, der angår dem."
    assert agreed[1] == actions
    assert deliverable.submitted_version.sections[0] == vision  # the submitted version is untouched

    [(heading, lines)] = version_diff(deliverable.submitted_version.sections, agreed)
    assert heading == "Vision"
    assert "-Unge skal høres i alle sager." in lines
    assert "+Unge skal høres i alle sager, der angår dem." in lines


def test_an_accepted_whole_section_amendment_replaces_the_body(cast, politician, staff):
    deliverable = submitted(cast)
    key = deliverable.submitted_version.sections[1]["key"]
    amendment = amendment_propose(
        deliverable=deliverable, section_key=key, proposed_text="- Et ungeråd", reason="Fokus", by=politician
    )
    amendment_decide(amendment=amendment, state=Amendment.State.ACCEPTED, by=staff)
    assert agreed_sections(deliverable)[1]["body"] == "- Et ungeråd"


def test_only_staff_decide_amendments_and_only_to_a_final_state(cast, politician, staff):
    deliverable = submitted(cast)
    key = deliverable.submitted_version.sections[1]["key"]
    amendment = amendment_propose(
        deliverable=deliverable, section_key=key, proposed_text="x", reason="y", by=politician
    )
    with pytest.raises(PermissionDenied):
        amendment_decide(amendment=amendment, state=Amendment.State.ACCEPTED, by=politician)
    with pytest.raises(ValidationError):
        amendment_decide(amendment=amendment, state=Amendment.State.PROPOSED, by=staff)
    decided = amendment_decide(amendment=amendment, state=Amendment.State.WITHDRAWN, by=staff)
    assert decided.state == Amendment.State.WITHDRAWN and decided.decided_at


def test_a_politician_proposes_through_the_page_and_sees_the_amendments(
    client, cast, politician, settings, english
):
    from django.urls import reverse

    deliverable = submitted(cast)
    key = deliverable.submitted_version.sections[0]["key"]
    client.force_login(politician)
    page_url = reverse("deliberation:deliverable", args=[cast.committee.mandate.slug])
    assert "Propose an amendment" in client.get(page_url).content.decode()
    response = client.post(
        reverse("deliberation:deliverable_amend", args=[cast.committee.mandate.slug]),
        {"passage": f"whole:{key}", "proposed_text": "Ny vision", "reason": "Kortere"},
    )
    assert response.status_code == 302
    assert deliverable.amendments.get().proposed_text == "Ny vision"
    bad = client.post(
        reverse("deliberation:deliverable_amend", args=[cast.committee.mandate.slug]),
        {
            "passage": "selection",
            "selection_key": key,
            "selection_start": "0",
            "selection_end": "11",
            "selection_text": "findes ikke",
            "proposed_text": "x",
            "reason": "y",
        },
    )
    assert bad.status_code == 400 and "could not be found in the section" in bad.content.decode()
