"""The confirmed selection's page while seats are settled: a free seat no reserve can take within the rules
is shown with the reserves in the order it is offered, and a politician decides it there, with a reason."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from mandates.models import Mandate
from recruitment.citizen.invitations import invitation_accept, invitation_decline
from recruitment.models import Application, Invitation, Placement, SeatDecision
from tests.recruitment.reserve_factories import applicant, five_seats_with_reserves, pending
from tests.recruitment.review_factories import facilitator, politicians
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def page(call) -> str:
    return reverse("recruitment:matching", args=[call.pk])


@pytest.fixture
def waiting():
    """Five seats under 40 %; a man declined and only women are left on the reserve list."""
    call, profile, _women, men, reserves = five_seats_with_reserves(("woman", 3), ("woman", 2))
    invitation_decline(invitation=pending(men[0]))
    return call, profile, reserves


def test_a_waiting_seat_lists_the_reserves_with_the_rule_each_would_break(client, waiting):
    call, _profile, (first, second) = waiting
    client.force_login(politicians(call)[0])
    html = client.get(page(call)).content.decode()
    assert "1 free seat" in html
    assert "No reserve can take this seat without breaking a balance rule." in html
    table = html.split("in the order a free seat is offered", 1)[1].split("</table>", 1)[0]
    assert table.index(first.reference) < table.index(second.reference)
    assert table.count("Would break: at least 40 % of each gender") == 2
    assert f'value="{first.pk}"' in html and 'value="empty"' in html
    assert "Record the decision" in html


def test_a_facilitator_sees_the_waiting_seat_but_cannot_decide(client, waiting):
    call, _profile, _reserves = waiting
    client.force_login(facilitator(call))
    html = client.get(page(call)).content.decode()
    assert "No reserve can take this seat" in html and "Record the decision" not in html
    response = client.post(reverse("recruitment:seat_decide", args=[call.pk]), {})
    assert response.status_code == 403


def test_a_decision_without_a_reason_comes_back_with_the_choice_kept(client, waiting):
    call, profile, (first, _second) = waiting
    client.force_login(politicians(call)[0])
    prefix = f"seat-{profile.pk}"
    response = client.post(
        reverse("recruitment:seat_decide", args=[call.pk]),
        {"profile": profile.pk, f"{prefix}-choice": first.pk, f"{prefix}-reason": " "},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Say briefly why: the reason is part of the record." in html
    assert 'aria-invalid="true"' in html
    chosen = html.split(f'value="{first.pk}"', 1)[1].split(">", 1)[0]
    assert "checked" in chosen
    assert not SeatDecision.objects.exists()


def test_a_politician_gives_the_seat_to_a_reserve_and_the_page_records_it(client, waiting):
    call, profile, (first, _second) = waiting
    client.force_login(politicians(call)[0])
    prefix = f"seat-{profile.pk}"
    response = client.post(
        reverse("recruitment:seat_decide", args=[call.pk]),
        {"profile": profile.pk, f"{prefix}-choice": first.pk, f"{prefix}-reason": "Ingen mænd søgte."},
        follow=True,
    )
    html = response.content.decode()
    assert "Your decision is recorded." in html
    assert "Decisions about seats" in html and "Ingen mænd søgte." in html
    first.refresh_from_db()
    assert first.state == Application.State.INVITED
    for invitation in Invitation.objects.filter(state="pending"):
        invitation_accept(invitation=invitation)
    assert Mandate.objects.get(pk=call.mandate_id).state == Mandate.State.ACTIVE


def test_the_confirmed_page_costs_the_same_queries_with_more_reserves(client, waiting):
    call, profile, _reserves = waiting
    client.force_login(politicians(call)[0])
    few = queries_for_page(client, page(call), savepoints=False)
    selection = call.selection
    for position in range(10, 25):
        late = applicant(call, profile, gender="woman", score=1, state="reserve")
        Placement.objects.create(
            selection=selection, application=late, profile=profile, kind="reserve", position=position
        )
    assert queries_for_page(client, page(call), savepoints=False) == few
