"""Who may download the case document follows the deliverable's confidentiality: the committee and council
staff always; any politician while the submission is before the political bodies; the public only once a
body has dealt with that very submission. Everyone else gets 404, never 403. The mandate: anyone once it is
public, a draft only council staff."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from accounts import roles
from deliberation.deliverables.review import council_decision_record, review_step_record
from deliberation.deliverables.services import deliverable_submit, latest_version, version_save
from deliberation.models import CouncilDecision, ReviewStep
from mandates.models import Mandate
from tests.committees.factories import TaskCommitteeFactory
from tests.deliberation.deliverable_factories import committee_at_work, drafted, submitted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

READERS = ("anonymous", "citizen", "member", "chair", "facilitator", "politician_elsewhere", "staff")


@pytest.fixture
def cast(staff):
    cast = committee_at_work()
    cast.people = {
        "anonymous": None,
        "citizen": UserFactory(),
        "member": cast.citizen,
        "chair": cast.chair,
        "facilitator": cast.facilitator,
        "politician_elsewhere": UserFactory(roles=[roles.POLITICIAN], totp=True),
        "staff": staff,
    }
    cast.staff = staff
    return cast


def statuses(client, cast, name: str = "case_documents:case_document_docx") -> dict[str, int]:
    return statuses_at(client, reverse(name, args=[cast.mandate.slug]), cast.people)


def statuses_at(client, url: str, people: dict) -> dict[str, int]:
    found = {}
    for reader in READERS:
        client.logout()
        if people.get(reader) is not None:
            client.force_login(people[reader])
        found[reader] = client.get(url).status_code
    return found


def expect(**overrides) -> dict[str, int]:
    return {reader: overrides.get(reader, 404) for reader in READERS}


INSIDERS = {"member": 200, "chair": 200, "facilitator": 200, "staff": 200}
EVERYONE = dict.fromkeys(READERS, 200)


def review(cast, deliverable, outcome):
    review_step_record(
        deliverable=deliverable,
        route_entry=cast.standing,
        meeting_date=date(2026, 11, 3),
        agenda_item="4",
        outcome=outcome,
        text="",
        by=cast.staff,
    )


def test_before_anything_is_submitted_there_is_no_case_document_for_anyone(client, cast):
    drafted(cast)
    assert statuses(client, cast) == expect()


def test_a_submission_before_the_bodies_is_for_the_committee_staff_and_politicians(client, cast):
    submitted(cast)
    assert statuses(client, cast) == expect(**INSIDERS, politician_elsewhere=200)
    assert statuses(client, cast, "case_documents:case_document_pdf") == expect(
        **INSIDERS, politician_elsewhere=200
    )


def test_a_postponement_keeps_it_confidential_and_a_recommendation_makes_it_public(client, cast):
    deliverable = submitted(cast)
    review(cast, deliverable, ReviewStep.Outcome.POSTPONED)
    assert statuses(client, cast)["anonymous"] == 404
    review(cast, deliverable, ReviewStep.Outcome.RECOMMENDS)
    assert statuses(client, cast) == EVERYONE


def test_a_returned_text_resubmitted_is_confidential_again_until_a_body_deals_with_it(client, cast):
    deliverable = submitted(cast)
    review(cast, deliverable, ReviewStep.Outcome.RECOMMENDS)
    council_decision_record(
        deliverable=deliverable,
        outcome=CouncilDecision.Outcome.RETURNED,
        votes_for=15,
        votes_against=10,
        votes_abstaining=2,
        decided_on=date(2026, 11, 25),
        agenda_item="9",
        remarks="Arbejd videre.",
        by=cast.staff,
    )
    assert statuses(client, cast) == EVERYONE  # the returned text was dealt with: public
    deliverable.refresh_from_db()
    sections = [dict(s) for s in latest_version(deliverable).sections]
    sections[0]["body"] += "\n\nEt nyt afsnit."
    version_save(deliverable=deliverable, by=cast.citizen, title="Nyt forslag", sections=sections)
    deliverable_submit(deliverable=deliverable, by=cast.facilitator)
    assert statuses(client, cast) == expect(**INSIDERS, politician_elsewhere=200)


def test_a_draft_mandate_downloads_for_council_staff_only(client, cast):
    draft = TaskCommitteeFactory(mandate__state=Mandate.State.DRAFT).mandate
    for name in ("case_documents:mandate_pdf", "case_documents:mandate_docx"):
        assert statuses_at(client, reverse(name, args=[draft.slug]), cast.people) == expect(staff=200)


def test_a_public_mandate_downloads_for_everyone(client, cast):
    assert statuses(client, cast, "case_documents:mandate_docx") == EVERYONE
