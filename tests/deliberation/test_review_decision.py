"""The City Council's decision: the mandate moves for each outcome, the committee is told, a returned
text is worked on and resubmitted; staff record it all in the admin; the public page's tags."""

from __future__ import annotations

from datetime import date

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from deliberation.deliverables.review import (
    amendment_decide,
    amendment_propose,
    council_decision_record,
    review_step_record,
)
from deliberation.deliverables.selectors import public_review
from deliberation.deliverables.services import deliverable_submit, latest_version, version_save
from deliberation.models import Amendment, CouncilDecision, Deliverable, ReviewStep
from mandates.models import Mandate
from notifications.emails import render_message
from notifications.models import Notification
from tests.deliberation.deliverable_factories import committee_at_work, drafted, submitted

pytestmark = pytest.mark.django_db

Outcome = CouncilDecision.Outcome


@pytest.fixture
def cast():
    return committee_at_work()


def _reviewed(cast, staff) -> Deliverable:
    deliverable = submitted(cast)
    review_step_record(
        deliverable=deliverable,
        route_entry=cast.standing,
        meeting_date=date(2026, 11, 3),
        agenda_item="4",
        outcome=ReviewStep.Outcome.RECOMMENDS,
        text="Anbefales.",
        by=staff,
    )
    return deliverable


def _decide(deliverable, staff, outcome, remarks="") -> CouncilDecision:
    return council_decision_record(
        deliverable=deliverable,
        outcome=outcome,
        votes_for=19,
        votes_against=4,
        votes_abstaining=2,
        decided_on=date(2026, 11, 25),
        agenda_item="12",
        remarks=remarks,
        by=staff,
    )


@pytest.mark.parametrize(
    ("outcome", "mandate_state", "deliverable_state"),
    [
        (Outcome.ENDORSED, Mandate.State.ENDORSED, Deliverable.State.DECIDED),
        (Outcome.ENDORSED_WITH_AMENDMENTS, Mandate.State.ENDORSED, Deliverable.State.DECIDED),
        (Outcome.RETURNED, Mandate.State.RETURNED, Deliverable.State.DRAFTING),
        (Outcome.REJECTED, Mandate.State.REJECTED, Deliverable.State.DECIDED),
    ],
)
def test_the_decision_moves_the_mandate_and_tells_the_members(
    cast, staff, politician, outcome, mandate_state, deliverable_state
):
    deliverable = _reviewed(cast, staff)
    if outcome == Outcome.ENDORSED_WITH_AMENDMENTS:
        _accepted_amendment(deliverable, politician, staff)
    decision = _decide(deliverable, staff, outcome, remarks="Bemærkninger")
    deliverable.refresh_from_db()
    assert cast.mandate.state == mandate_state
    assert deliverable.state == deliverable_state
    assert decision.version == deliverable.submitted_version
    assert (decision.votes_for, decision.votes_against, decision.votes_abstaining) == (19, 4, 2)
    notes = Notification.objects.filter(kind="council_decided")
    assert {n.recipient for n in notes} == set(cast.members)
    message = render_message(notes.first())
    assert "19" in message.body and "19" in message.alternatives[0][0]
    assert "Bemærkninger" in message.body and "Bemærkninger" in message.alternatives[0][0]


@pytest.mark.parametrize(
    ("outcome", "surveyed"),
    [(Outcome.ENDORSED, True), (Outcome.REJECTED, True), (Outcome.RETURNED, False)],
)
def test_a_final_decision_sends_the_members_the_evaluation_survey(cast, staff, outcome, surveyed):
    _decide(_reviewed(cast, staff), staff, outcome)
    invited = Notification.objects.filter(kind="evaluation_invitation")
    assert invited.exists() == surveyed  # a returned text means the committee works on
    for notification in invited:
        assert render_message(notification).body


def test_a_decision_without_a_recorded_step_still_passes_through_review(cast, staff):
    deliverable = submitted(cast)
    _decide(deliverable, staff, Outcome.ENDORSED)
    states = list(cast.mandate.transitions.values_list("to_state", flat=True))
    assert states == ["delivered", "in_review", "endorsed"]


def _accepted_amendment(deliverable, politician, staff) -> Amendment:
    key = deliverable.submitted_version.sections[1]["key"]
    amendment = amendment_propose(
        deliverable=deliverable, section_key=key, proposed_text="- Et ungeråd", reason="Fokus", by=politician
    )
    return amendment_decide(amendment=amendment, state=Amendment.State.ACCEPTED, by=staff)


def test_the_outcome_must_agree_with_the_accepted_amendments(cast, politician, staff, english):
    deliverable = _reviewed(cast, staff)
    with pytest.raises(ValidationError, match="No amendment was accepted"):
        _decide(deliverable, staff, Outcome.ENDORSED_WITH_AMENDMENTS)
    _accepted_amendment(deliverable, politician, staff)
    with pytest.raises(ValidationError, match="Amendments were accepted"):
        _decide(deliverable, staff, Outcome.ENDORSED)


def test_the_decision_keeps_the_agreed_text(cast, politician, staff, english):
    deliverable = _reviewed(cast, staff)
    key = deliverable.submitted_version.sections[1]["key"]
    amendment = amendment_propose(
        deliverable=deliverable, section_key=key, proposed_text="- Et ungeråd", reason="Fokus", by=politician
    )
    with pytest.raises(ValidationError, match="every proposed amendment"):
        _decide(deliverable, staff, Outcome.ENDORSED_WITH_AMENDMENTS)
    amendment_decide(amendment=amendment, state=Amendment.State.ACCEPTED, by=staff)
    decision = _decide(deliverable, staff, Outcome.ENDORSED_WITH_AMENDMENTS)
    assert decision.agreed_sections[1]["body"] == "- Et ungeråd"
    assert decision.agreed_sections[0] == deliverable.submitted_version.sections[0]


def test_a_returned_deliverable_is_edited_and_resubmitted(cast, staff):
    deliverable = _reviewed(cast, staff)
    _decide(deliverable, staff, Outcome.RETURNED, remarks="Mere om økonomi.")
    deliverable.refresh_from_db()
    v1 = latest_version(deliverable)
    version_save(
        deliverable=deliverable,
        by=cast.citizen,
        title=v1.title,
        sections=[*v1.sections, {"heading": "Økonomi", "body": "Finansieres inden for rammen."}],
    )
    assert cast.mandate.state == Mandate.State.ACTIVE
    deliverable_submit(deliverable=deliverable, by=cast.chair)
    deliverable.refresh_from_db()
    assert cast.mandate.state == Mandate.State.DELIVERED
    assert deliverable.submitted_version.number == 2
    moves = list(cast.mandate.transitions.values_list("from_state", "to_state"))
    assert moves[-3:] == [("in_review", "returned"), ("returned", "active"), ("active", "delivered")]
    assert Notification.objects.filter(kind="deliverable_submitted").count() == 2 * len(cast.members)


def test_a_returned_deliverable_may_be_resubmitted_unchanged(cast, staff):
    deliverable = _reviewed(cast, staff)
    _decide(deliverable, staff, Outcome.RETURNED)
    deliverable_submit(deliverable=Deliverable.objects.get(pk=deliverable.pk), by=cast.facilitator)
    assert cast.mandate.state == Mandate.State.DELIVERED


def test_the_public_reads_the_decision_the_agreed_text_and_its_diff(client, cast, politician, staff):
    deliverable = _reviewed(cast, staff)
    vision = deliverable.submitted_version.sections[0]
    amendment = amendment_propose(
        deliverable=deliverable,
        section_key=vision["key"],
        original_text="Alle unge skal trives.",
        proposed_text="Alle børn og unge skal trives.",
        reason="Bredere",
        by=politician,
    )
    amendment_decide(amendment=amendment, state=Amendment.State.ACCEPTED, by=staff)
    _decide(deliverable, staff, Outcome.ENDORSED_WITH_AMENDMENTS)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(
        reverse("deliberation:deliverable", args=[cast.committee.mandate.slug])
    ).content.decode()
    assert "Endorsed with amendments" in page and "19 for, 4 against, 2 abstaining" in page
    assert "<p>Alle børn og unge skal trives.</p>" in page  # the agreed text
    assert "Added:" in page and "Removed:" in page  # its diff against the submitted text
    assert "Bredere" not in page  # the amendments' workings are not on the public page


# --- The admin.


def test_staff_record_a_review_step_in_the_admin_and_the_mandate_moves(client, cast, staff):
    deliverable = submitted(cast)
    client.force_login(staff)
    assert client.get(reverse("admin:deliberation_reviewstep_add")).status_code == 200
    response = client.post(
        reverse("admin:deliberation_reviewstep_add"),
        {
            "deliverable": deliverable.pk,
            "route_entry": cast.standing.pk,
            "meeting_date": "2026-11-03",
            "agenda_item": "4",
            "outcome": ReviewStep.Outcome.RECOMMENDS,
            "text": "Anbefales.",
        },
    )
    assert response.status_code == 302, response.content.decode()
    step = ReviewStep.objects.get()
    assert step.recorded_by == staff
    assert cast.mandate.state == Mandate.State.IN_REVIEW


def test_the_admin_refuses_a_body_from_another_route_as_a_form_error(client, cast, staff):
    deliverable = submitted(cast)
    other = committee_at_work()
    client.force_login(staff)
    response = client.post(
        reverse("admin:deliberation_reviewstep_add"),
        {
            "deliverable": deliverable.pk,
            "route_entry": other.standing.pk,
            "meeting_date": "2026-11-03",
            "outcome": ReviewStep.Outcome.RECOMMENDS,
        },
    )
    assert response.status_code == 200 and not ReviewStep.objects.exists()


def test_staff_decide_amendments_with_an_admin_action(client, cast, politician, staff):
    deliverable = _reviewed(cast, staff)
    key = deliverable.submitted_version.sections[0]["key"]
    amendment = amendment_propose(
        deliverable=deliverable, section_key=key, proposed_text="x", reason="y", by=politician
    )
    client.force_login(staff)
    response = client.post(
        reverse("admin:deliberation_amendment_changelist"),
        {"action": "accept", "_selected_action": [amendment.pk]},
    )
    assert response.status_code == 302
    amendment.refresh_from_db()
    assert amendment.state == Amendment.State.ACCEPTED


def test_staff_record_the_council_decision_in_the_admin(client, cast, staff):
    deliverable = _reviewed(cast, staff)
    client.force_login(staff)
    response = client.post(
        reverse("admin:deliberation_councildecision_add"),
        {
            "deliverable": deliverable.pk,
            "decided_on": "2026-11-25",
            "agenda_item": "12",
            "outcome": Outcome.ENDORSED,
            "votes_for": "19",
            "votes_against": "4",
            "votes_abstaining": "2",
            "remarks": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    decision = CouncilDecision.objects.get()
    assert decision.recorded_by == staff and decision.agreed_sections
    assert cast.mandate.state == Mandate.State.ENDORSED
    assert Notification.objects.filter(kind="council_decided").count() == len(cast.members)
    assert (
        client.get(reverse("admin:deliberation_councildecision_change", args=[decision.pk])).status_code
        == 200
    )
    assert (
        client.get(reverse("admin:deliberation_deliverable_change", args=[deliverable.pk])).status_code == 200
    )


# --- What the public committee page shows of the review.


def _public(committee) -> str:
    review = public_review(committee)
    if review is None:
        return "none/none"
    return f"{review.deliverable.pk}/{review.decision.outcome if review.decision else 'none'}"


def test_the_public_page_shows_nothing_until_a_body_has_dealt_with_it(cast, staff):
    drafted(cast)
    assert _public(cast.committee) == "none/none"
    deliverable_submit(deliverable=cast.committee.deliverable, by=cast.facilitator)
    assert _public(cast.committee) == "none/none"


def test_the_public_page_shows_the_deliverable_and_the_decision_once_dealt_with(cast, staff):
    deliverable = _reviewed(cast, staff)
    assert _public(cast.committee) == f"{deliverable.pk}/none"
    _decide(deliverable, staff, Outcome.ENDORSED)
    assert _public(cast.committee) == f"{deliverable.pk}/endorsed"
    assert _public(None) == "none/none"


def test_staff_decide_an_amendment_on_its_admin_page(client, cast, politician, staff):
    deliverable = _reviewed(cast, staff)
    key = deliverable.submitted_version.sections[0]["key"]
    amendment = amendment_propose(
        deliverable=deliverable, section_key=key, proposed_text="x", reason="y", by=politician
    )
    client.force_login(staff)
    change_url = reverse("admin:deliberation_amendment_change", args=[amendment.pk])
    assert client.get(change_url).status_code == 200
    assert client.post(change_url, {"state": Amendment.State.REJECTED}).status_code == 302
    amendment.refresh_from_db()
    assert amendment.state == Amendment.State.REJECTED and amendment.decided_at


def test_after_the_decision_the_route_shows_the_city_councils_handling(client, cast, staff):
    deliverable = _reviewed(cast, staff)
    _decide(deliverable, staff, Outcome.ENDORSED)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    url = reverse("deliberation:deliverable", args=[cast.committee.mandate.slug])
    page = client.get(url).content.decode()

    route = page.split('id="route-heading"')[1].split("</section>")[0]
    council = route.split("Kommunalbestyrelsen")[1]
    assert "Not dealt with yet." not in route
    assert "Endorsed" in council and "19 for, 4 against, 2 abstaining" in council
