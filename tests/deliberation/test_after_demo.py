"""`seed_demo` carries last year's youth committee all the way, and leaves a second one half-way."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from deliberation.follow_up.survey_selectors import published_results
from deliberation.models import (
    Amendment,
    CouncilDecision,
    Deliverable,
    EvaluationAnswer,
    ImplementationAction,
    MeetingRecord,
    ReviewStep,
)
from mandates.models import Mandate

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")


def test_seed_demo_runs_twice_and_finishes_the_youth_committee(seeded):
    mandate = Mandate.objects.get(slug="ungepolitik-2025")
    assert mandate.state == Mandate.State.IMPLEMENTING
    assert mandate.committee.name == "Ny ungepolitik 2025"
    moves = list(mandate.transitions.values_list("from_state", "to_state"))
    assert moves[0] == ("draft", "adopted") and moves[-1] == ("endorsed", "implementing")
    assert len(moves) == 8

    deliverable = mandate.committee.deliverable
    assert deliverable.versions.count() == 2
    decision = CouncilDecision.objects.get(deliverable=deliverable)
    assert decision.outcome == CouncilDecision.Outcome.ENDORSED_WITH_AMENDMENTS
    assert (decision.votes_for, decision.votes_against, decision.votes_abstaining) == (21, 4, 2)
    assert len(decision.agreed_sections) == 3
    assert sorted(Amendment.objects.filter(deliverable=deliverable).values_list("state", flat=True)) == [
        "accepted",
        "rejected",
    ]
    assert ReviewStep.objects.filter(deliverable=deliverable, outcome="recommends").count() == 1
    published = MeetingRecord.objects.filter(
        meeting__committee=mandate.committee, summary_published_at__isnull=False
    )
    assert published.count() == 7

    actions = ImplementationAction.objects.filter(mandate=mandate)
    assert sorted(actions.values_list("progress", flat=True)) == [30, 60, 100]
    assert EvaluationAnswer.objects.filter(mandate=mandate).count() == 6
    assert published_results(mandate) is not None


def test_the_movement_committee_is_half_way_with_a_first_draft_not_submitted(seeded):
    mandate = Mandate.objects.get(slug="bevaegelse-i-hverdagen")
    assert mandate.state == Mandate.State.ACTIVE
    deliverable = Deliverable.objects.get(committee=mandate.committee)  # its draft is out for consultation
    assert deliverable.state == Deliverable.State.DRAFTING and deliverable.versions.count() == 1
    assert mandate.committee.meetings.filter(state="planned").exists()
    assert mandate.committee.memberships.count() >= 10


def test_the_finished_committee_shows_its_progress_and_evaluation_in_public(client, seeded):
    html = client.get(reverse("portal:committee", args=["ungepolitik-2025"])).content.decode()
    assert 'id="implementation-heading"' in html and 'id="evaluation-heading"' in html
    assert client.get(reverse("portal:progress", args=["ungepolitik-2025"])).status_code == 200
