"""A recommendation is confidential until a political body has dealt with it: not when a body only
postpones it, and not when the committee resubmits a returned text."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from deliberation.deliverables.review import council_decision_record, review_step_record
from deliberation.deliverables.selectors import public_version
from deliberation.deliverables.services import deliverable_submit, latest_version, version_save
from deliberation.models import CouncilDecision, ReviewStep
from tests.deliberation.deliverable_factories import committee_at_work, submitted

pytestmark = pytest.mark.django_db


def step(deliverable, cast, staff, outcome):
    return review_step_record(
        deliverable=deliverable,
        route_entry=cast.standing,
        meeting_date=date(2026, 11, 3),
        agenda_item="4",
        outcome=outcome,
        text="",
        by=staff,
    )


def decide(deliverable, staff, outcome):
    return council_decision_record(
        deliverable=deliverable,
        outcome=outcome,
        votes_for=15,
        votes_against=10,
        votes_abstaining=2,
        decided_on=date(2026, 11, 25),
        agenda_item="9",
        remarks="Arbejd videre.",
        by=staff,
    )


def public_page(client, cast) -> tuple[int, str]:
    response = client.get(reverse("deliberation:deliverable", args=[cast.mandate.slug]))
    return response.status_code, response.content.decode()


def test_a_postponement_does_not_make_the_text_public(client, staff):
    cast = committee_at_work()
    deliverable = submitted(cast)
    step(deliverable, cast, staff, ReviewStep.Outcome.POSTPONED)
    assert public_version(deliverable) is None
    assert public_page(client, cast)[0] == 404


def test_a_resubmitted_text_stays_confidential_until_a_body_deals_with_it(client, staff):
    cast = committee_at_work()
    deliverable = submitted(cast)
    step(deliverable, cast, staff, ReviewStep.Outcome.RECOMMENDS)
    returned = decide(deliverable, staff, CouncilDecision.Outcome.RETURNED)
    deliverable.refresh_from_db()
    sections = [dict(s) for s in latest_version(deliverable).sections]
    sections[0]["body"] += "\n\nFORTROLIGT UDKAST efter tilbagesendelse."
    version_save(deliverable=deliverable, by=cast.citizen, title="Nyt forslag", sections=sections)
    deliverable_submit(deliverable=deliverable, by=cast.facilitator)
    deliverable.refresh_from_db()

    assert public_version(deliverable) == returned.version  # the public still reads what was returned
    status, html = public_page(client, cast)
    assert status == 200 and "FORTROLIGT UDKAST" not in html

    step(deliverable, cast, staff, ReviewStep.Outcome.RECOMMENDS)
    assert public_version(deliverable) == deliverable.submitted_version
    assert "FORTROLIGT UDKAST" in public_page(client, cast)[1]


@pytest.mark.parametrize("outcome", [CouncilDecision.Outcome.RETURNED, CouncilDecision.Outcome.REJECTED])
def test_a_returned_or_rejected_delivery_has_no_agreed_text(staff, outcome):
    cast = committee_at_work()
    deliverable = submitted(cast)
    assert decide(deliverable, staff, outcome).agreed_sections == []
