"""A free seat goes to the first reserve who keeps every balance rule; where none does, the politicians are
told and decide with a reason; the committee never starts with a rule broken that nobody accepted."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from accounts import roles
from audit.models import Entry
from mandates.models import Mandate
from notifications.dispatch import outbox_dispatch
from notifications.models import Notification
from recruitment.citizen.invitations import invitation_accept, invitation_decline
from recruitment.models import Application, Invitation, Placement, SeatDecision, Selection
from recruitment.offers import invitation_send
from recruitment.review.seat_decisions import committee_start_despite_rules, seat_decide
from recruitment.review.selection import selection_confirm
from tests.factories import UserFactory
from tests.recruitment.reserve_factories import (
    applicant,
    confirm_the_proposal,
    five_seats_with_reserves,
    pending,
    rules,
)
from tests.recruitment.review_factories import closed_call, politicians

pytestmark = pytest.mark.django_db

SCHOOL_BOARD = "Skolebestyrelsen på Tjørnegårdsskolen"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def state(application: Application) -> str:
    application.refresh_from_db()
    return application.state


def mandate_state(call) -> str:
    return Mandate.objects.get(pk=call.mandate_id).state


def accept_everyone(call) -> None:
    for invitation in Invitation.objects.filter(application__call=call, state="pending"):
        invitation_accept(invitation=invitation)


def test_a_mans_decline_passes_over_the_woman_first_on_the_list_and_invites_the_next_man():
    _call, _profile, _women, men, (woman, man) = five_seats_with_reserves(("woman", 3), ("man", 2))
    assert list(
        Placement.objects.filter(kind="reserve").order_by("position").values_list("application", flat=True)
    ) == [
        woman.pk,
        man.pk,
    ]

    invitation_decline(invitation=pending(men[0]))

    assert state(man) == Application.State.INVITED
    assert state(woman) == Application.State.RESERVE
    entry = Entry.objects.get(action="reserve.offered")
    assert entry.data["reference"] == man.reference
    assert entry.data["passed_over"] == [{"reference": woman.reference, "rules": ["gender"]}]
    told = Notification.objects.filter(kind="invitation_answered")
    assert told.count() == 2 and all(
        n.context["reserve_invited"] and n.context["passed_over"] == 1 for n in told
    )


def test_a_second_member_of_the_same_organisation_is_passed_over():
    call = closed_call(profiles=1, seats=3)
    rules(call, min_gender_share=0)
    profile = call.mandate.profiles.get()
    applicant(call, profile, gender="woman", score=5, organisation=SCHOOL_BOARD)
    leaving = applicant(call, profile, gender="man", score=5)
    applicant(call, profile, gender="man", score=5)
    same_board = applicant(
        call, profile, gender="man", score=4, organisation="skolebestyrelsen  på tjørnegårdsskolen"
    )
    other = applicant(call, profile, gender="woman", score=3, organisation="Idrætsforeningen")
    confirm_the_proposal(call)

    invitation_decline(invitation=pending(leaving))

    assert state(same_board) == Application.State.RESERVE
    assert state(other) == Application.State.INVITED


def test_when_no_reserve_keeps_the_rules_the_seat_waits_and_the_politicians_are_told():
    call, _profile, _women, men, (woman,) = five_seats_with_reserves(("woman", 3))

    invitation_decline(invitation=pending(men[0]))

    assert state(woman) == Application.State.RESERVE
    assert not Invitation.objects.filter(application=woman).exists()
    told = Notification.objects.filter(kind="invitation_answered")
    assert told.count() == len(politicians(call))
    for notification in told:
        assert notification.context["waiting"] and not notification.context["reserve_invited"]
        assert notification.context["rules"] == ["gender"]
        assert notification.context["url"].endswith(f"/calls/{call.pk}/matching/")
    outbox_dispatch()
    (mail_to_chair, *_others) = [m for m in mail.outbox if "Pladsen venter på jeres beslutning" in m.body]
    assert "mindst 40 % af hvert køn" in mail_to_chair.body
    assert f"/calls/{call.pk}/matching/" in mail_to_chair.body
    accept_everyone(call)
    assert mandate_state(call) == Mandate.State.MATCHING  # a seat is still free


def test_a_politician_gives_the_seat_to_a_reserve_who_breaks_a_rule_with_a_reason_on_the_record():
    call, profile, _women, men, (woman,) = five_seats_with_reserves(("woman", 3))
    invitation_decline(invitation=pending(men[0]))
    chair = politicians(call)[0]

    with pytest.raises(ValidationError, match="reason"):
        seat_decide(call=call, profile_id=profile.pk, by=chair, reason="  ", application_id=woman.pk)
    decision = seat_decide(
        call=call, profile_id=profile.pk, by=chair, reason="Ingen mænd på listen.", application_id=woman.pk
    )

    assert (decision.kind, decision.rules, decision.application) == ("invite", ["gender"], woman)
    assert state(woman) == Application.State.INVITED
    entry = Entry.objects.get(action="seat.reserve_invited")
    assert entry.actor == chair and entry.data["reason"] == "Ingen mænd på listen."
    accept_everyone(call)
    assert mandate_state(call) == Mandate.State.ACTIVE  # the broken rule was accepted with a reason


def test_a_politician_leaves_the_seat_empty_and_the_committee_starts_with_four():
    call, profile, _women, men, (woman,) = five_seats_with_reserves(("woman", 3))
    invitation_decline(invitation=pending(men[0]))
    accept_everyone(call)

    decision = seat_decide(
        call=call,
        profile_id=profile.pk,
        by=politicians(call)[1],
        reason="Vi går i gang.",
        application_id=None,
    )

    assert (decision.kind, decision.rules) == ("leave_empty", [])  # four need one man: the rule holds
    assert mandate_state(call) == Mandate.State.ACTIVE
    assert state(woman) == Application.State.NOT_SELECTED
    with pytest.raises(ValidationError, match="settled"):
        seat_decide(
            call=call, profile_id=profile.pk, by=politicians(call)[0], reason="Igen.", application_id=None
        )


def test_a_decision_is_refused_once_a_reserve_has_taken_the_seat():
    call, profile, _women, men, (_woman, _man) = five_seats_with_reserves(("woman", 3), ("man", 2))
    invitation_decline(invitation=pending(men[0]))
    with pytest.raises(ValidationError, match="no longer free"):
        seat_decide(
            call=call, profile_id=profile.pk, by=politicians(call)[0], reason="x", application_id=None
        )
    assert not SeatDecision.objects.exists()


def _three_women_invited():
    """Three women invited to three seats under 40 %, as the old reserve list could leave it (40 % needs a
    man)."""
    call = closed_call(profiles=1, seats=3)
    profile = call.mandate.profiles.get()
    women = [applicant(call, profile, gender="woman", score=5) for _ in range(3)]
    selection = Selection.objects.create(
        call=call, confirmed_by=politicians(call)[0], rationale="Gammel liste."
    )
    call.state = "selected"
    call.save(update_fields=["state"])
    for woman in women:
        Placement.objects.create(selection=selection, application=woman, profile=profile, kind="seat")
        invitation_send(application=woman, profile_id=profile.pk)
    return call, women


def test_a_committee_that_would_start_with_a_rule_broken_waits_for_a_politicians_reason():
    call, _women = _three_women_invited()
    accept_everyone(call)

    assert mandate_state(call) == Mandate.State.MATCHING
    blocked = Notification.objects.filter(kind="committee_start_blocked")
    assert blocked.count() == len(politicians(call)) and blocked.first().context["rules"] == ["gender"]
    outbox_dispatch()
    assert any("kan ikke gå i gang uden jeres beslutning" in m.subject for m in mail.outbox)
    decision = committee_start_despite_rules(call=call, by=politicians(call)[0], reason="Kun kvinder søgte.")
    assert (decision.kind, decision.rules) == ("start", ["gender"])
    assert mandate_state(call) == Mandate.State.ACTIVE
    assert Entry.objects.filter(action="committee.started_despite_rules", actor=politicians(call)[0]).exists()


def test_a_selection_that_breaks_a_rule_is_refused():
    call = closed_call(profiles=1, seats=3)
    profile = call.mandate.profiles.get()
    women = [applicant(call, profile, gender="woman", score=5) for _ in range(3)]
    applicant(call, profile, gender="man", score=1)
    with pytest.raises(ValidationError, match="balance rule"):
        selection_confirm(
            call=call,
            by=politicians(call)[0],
            rationale="Alle kvinder.",
            seats={profile.pk: [w.pk for w in women]},
            reserves={},
        )
    assert not Selection.objects.exists()


def test_staff_cannot_start_a_committee_in_the_admin_past_a_broken_rule_nobody_accepted():
    from committees.services import mandate_move

    staff = UserFactory(roles=[roles.COUNCIL_STAFF], is_staff=True, totp=True)
    call, women = _three_women_invited()
    invitation_accept(invitation=pending(women[0]))
    with pytest.raises(ValidationError, match="Not every seat is settled"):
        mandate_move(mandate=call.mandate, to=Mandate.State.ACTIVE, by=staff)
    accept_everyone(call)
    with pytest.raises(ValidationError, match="at least 40 % of each gender"):
        mandate_move(mandate=call.mandate, to=Mandate.State.ACTIVE, by=staff)
    assert mandate_state(call) == Mandate.State.MATCHING
    committee_start_despite_rules(call=call, by=politicians(call)[0], reason="Kun kvinder søgte.")
    assert mandate_state(call) == Mandate.State.ACTIVE


def test_the_admin_says_why_the_committee_cannot_start_yet(client):
    staff = UserFactory(roles=[roles.COUNCIL_STAFF], is_staff=True, totp=True)
    call, _women = _three_women_invited()
    accept_everyone(call)
    client.force_login(staff)
    move = reverse("admin:mandates_mandate_move", args=[call.mandate_id, Mandate.State.ACTIVE])
    page = client.post(move, follow=True).content.decode()
    assert "mindst 40 % af hvert køn" in page and "udvælgelsessiden" in page  # the admin speaks Danish
    assert mandate_state(call) == Mandate.State.MATCHING
