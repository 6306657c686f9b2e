"""The invitation link: showing it changes nothing (mail scanners follow links); a POST answers it,
once; a decline offers the seat to the next reserve; forged links do not exist; late answers are told."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from committees.models import Membership
from recruitment.models import Application, ApplicationEvent, Invitation
from recruitment.offers import TOKEN_SALT, invitation_from_token
from tests.factories import UserFactory
from tests.recruitment.citizen_factories import invitation_with_reserve, token_of
from tests.recruitment.factories import call_with_committee

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited():
    invitation, _reserve = invitation_with_reserve(call_with_committee(profiles=2, meetings=3))
    return invitation


def url(invitation: Invitation) -> str:
    return reverse("recruitment:invitation", args=[token_of(invitation)])


def in_english(client) -> None:
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})


def citizen_memberships(invitation: Invitation):
    return Membership.objects.filter(
        committee__mandate=invitation.application.call.mandate, role=Membership.Role.CITIZEN
    )


def test_the_invitation_page_shows_committee_profile_deadline_and_meetings_and_changes_nothing(
    client, invited
):
    events = ApplicationEvent.objects.count()
    in_english(client)

    response = client.get(url(invited))

    html = response.content.decode()
    assert response.status_code == 200
    assert invited.application.call.mandate.title in html
    assert invited.profile.title in html
    assert html.count("<time") >= 4  # the answer-by date and the three meetings
    assert 'name="answer" value="accept"' in html and 'name="answer" value="decline"' in html
    assert "Yes, I accept" in html and "No, thank you" in html
    invited.refresh_from_db()
    assert invited.state == Invitation.State.PENDING
    assert not citizen_memberships(invited).exists()
    assert ApplicationEvent.objects.count() == events


def test_a_get_after_the_deadline_does_not_expire_the_invitation_either(client, invited):
    with time_machine.travel(invited.answer_by + timedelta(minutes=1)):
        assert client.get(url(invited)).status_code == 200
    invited.refresh_from_db()
    assert invited.state == Invitation.State.PENDING


def test_accepting_makes_the_citizen_a_member_for_the_profile(client, invited):
    link = url(invited)
    response = client.post(link, {"answer": "accept"})

    assert response.status_code == 302
    assert response["Location"] == link
    membership = citizen_memberships(invited).get()
    assert membership.user == invited.application.applicant
    assert membership.profile == invited.profile
    invited.refresh_from_db()
    assert invited.state == Invitation.State.ACCEPTED
    assert invited.application.state == Application.State.ACCEPTED


def test_accepting_twice_gives_one_membership_and_the_same_page(client, invited):
    in_english(client)
    client.post(url(invited), {"answer": "accept"})
    second = client.post(url(invited), {"answer": "accept"})

    assert second.status_code == 302
    assert citizen_memberships(invited).count() == 1
    page = client.get(url(invited)).content.decode()
    assert "You are a member" in page
    assert 'value="accept"' not in page


def test_no_sign_in_is_needed_and_someone_else_signed_in_may_answer_for_the_link(client, invited):
    client.force_login(UserFactory())
    in_english(client)
    assert "someone other than the person invited" in client.get(url(invited)).content.decode()
    client.post(url(invited), {"answer": "accept"})
    assert citizen_memberships(invited).get().user == invited.application.applicant


def test_no_thank_you_asks_to_confirm_before_the_seat_is_given_away(client):
    invitation, reserve = invitation_with_reserve(call_with_committee(profiles=2))
    in_english(client)

    response = client.post(url(invitation), {"answer": "decline"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Do you want to say no to the seat?" in html
    assert 'name="answer" value="decline-confirmed"' in html
    assert "Go back: I have not decided yet" in html
    invitation.refresh_from_db()
    reserve.refresh_from_db()
    assert invitation.state == Invitation.State.PENDING
    assert reserve.state == Application.State.RESERVE
    assert not Invitation.objects.filter(application=reserve).exists()
    # Going back shows the invitation with both answers again.
    again = client.get(url(invitation)).content.decode()
    assert 'value="accept"' in again and 'value="decline"' in again


def test_declining_offers_the_seat_to_the_next_reserve(client):
    invitation, reserve = invitation_with_reserve(call_with_committee(profiles=2))

    response = client.post(url(invitation), {"answer": "decline-confirmed"})

    assert response.status_code == 302
    invitation.refresh_from_db()
    reserve.refresh_from_db()
    assert invitation.state == Invitation.State.DECLINED
    assert invitation.application.state == Application.State.DECLINED
    assert reserve.state == Application.State.INVITED
    assert reserve.invitations.get().profile == invitation.profile
    assert not citizen_memberships(invitation).exists()


def test_declining_twice_invites_the_reserve_once(client):
    invitation, reserve = invitation_with_reserve(call_with_committee(profiles=2))
    client.post(url(invitation), {"answer": "decline-confirmed"})
    client.post(url(invitation), {"answer": "decline-confirmed"})
    assert Invitation.objects.filter(application=reserve).count() == 1


def test_accepting_after_declining_is_refused_with_a_message(client, invited):
    client.post(url(invited), {"answer": "decline-confirmed"})
    response = client.post(url(invited), {"answer": "accept"})
    assert response.status_code == 200
    assert response.context["error"]
    assert not citizen_memberships(invited).exists()


def test_an_unknown_answer_changes_nothing(client, invited):
    response = client.post(url(invited), {"answer": "maybe"})
    assert response.status_code == 200
    assert response.context["error"]
    invited.refresh_from_db()
    assert invited.state == Invitation.State.PENDING


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps({"i": 1}, salt="another.salt"),
        signing.dumps({"i": 99999}, salt=TOKEN_SALT),
    ],
    ids=["mangled", "signed for something else", "no such invitation"],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_forged_or_unknown_link_does_not_exist(client, invited, token, method):
    response = getattr(client, method)(reverse("recruitment:invitation", args=[token]), {"answer": "accept"})
    assert response.status_code == 404


def test_a_tampered_token_does_not_exist(client, invited):
    token = token_of(invited)
    assert client.get(reverse("recruitment:invitation", args=[token[:-2] + "xx"])).status_code == 404


def test_an_expired_invitation_shows_the_deadline_message_and_cannot_be_accepted(client, invited):
    in_english(client)
    with time_machine.travel(invited.answer_by + timedelta(minutes=1)):
        page = client.get(url(invited)).content.decode()
        response = client.post(url(invited), {"answer": "accept"})

    assert "The answer deadline has passed" in page
    assert 'value="accept"' not in page
    assert response.status_code == 200
    assert "deadline has passed" in response.context["error"]
    assert not citizen_memberships(invited).exists()


def test_an_invitation_the_beat_expired_says_so(client, invited):
    Invitation.objects.filter(pk=invited.pk).update(state=Invitation.State.EXPIRED)
    in_english(client)
    assert "The answer deadline has passed" in client.get(url(invited)).content.decode()


def test_the_application_page_links_to_a_pending_invitation(client, invited):
    client.force_login(invited.application.applicant)
    page = client.get(
        reverse("recruitment:application", args=[invited.application.reference])
    ).content.decode()
    # The token carries a timestamp, so compare what it opens rather than its text.
    token = re.search(r'href="/invitations/([^/"]+)/"', page).group(1)
    assert invitation_from_token(token) == invited


def test_the_invitation_page_is_in_danish_by_default_and_english_on_request(client, invited):
    assert 'lang="da"' in client.get(url(invited)).content.decode()
    in_english(client)
    assert "You are invited to join the task committee" in client.get(url(invited)).content.decode()
