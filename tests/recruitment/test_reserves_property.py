"""Any sequence of declines, expiries and acceptances keeps every balance rule among the seated and invited,
or stops at a free seat with the politicians told; the committee never starts with a rule broken."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from mandates.models import Mandate
from notifications.models import Notification
from recruitment.citizen.invitations import invitation_accept, invitation_decline, invitations_tick
from recruitment.engine import balance
from recruitment.models import Invitation
from recruitment.review.seats import seats_of
from recruitment.review.selection import as_candidate
from tests.recruitment.reserve_factories import applicant, confirm_the_proposal, rules
from tests.recruitment.review_factories import closed_call, politicians

pytestmark = pytest.mark.django_db

GENDERS = ("woman", "man", "other", "")
ORGANISATIONS = ("", "", "Skolebestyrelsen", "Idrætsforeningen")


@st.composite
def pools(draw):
    """Two profiles; applicants with a gender, maybe an organisation, a profile and a score."""
    seats = (draw(st.integers(1, 3)), draw(st.integers(1, 2)))
    people = draw(
        st.lists(
            st.tuples(
                st.sampled_from(GENDERS), st.sampled_from(ORGANISATIONS), st.integers(0, 1), st.integers(1, 5)
            ),
            min_size=3,
            max_size=10,
        )
    )
    return seats, people


# Each step: which pending invitation (an index into them), and what becomes of it.
ANSWERS = st.sampled_from(["decline", "expire", "accept", "accept"])
STEPS = st.lists(st.tuples(st.integers(0, 20), ANSWERS), max_size=10)


def _held_breaks(call) -> tuple[str, ...]:
    seats = seats_of(call)
    return balance.broken_rules(seats.rules, [c for cs in seats.held_candidates().values() for c in cs])


def _politicians_told_of_a_waiting_seat(call, invitation: Invitation) -> bool:
    told = Notification.objects.filter(
        kind="invitation_answered", key__startswith=f"invitation-answered:{invitation.pk}:"
    )
    return told.count() == len(politicians(call)) and all(n.context["waiting"] for n in told)


def _answer(invitation: Invitation, what: str) -> None:
    if what == "decline":
        invitation_decline(invitation=invitation)
    elif what == "accept":
        invitation_accept(invitation=invitation)
    else:  # its deadline passes, and the clock's next tick expires it (and only it)
        Invitation.objects.filter(pk=invitation.pk).update(answer_by=timezone.now() - timedelta(minutes=1))
        invitations_tick()


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(pool=pools(), steps=STEPS, share=st.sampled_from([30, 40, 50]))
def test_declines_and_expiries_keep_every_rule_or_stop_with_the_politicians_told(pool, steps, share):
    with transaction.atomic():
        (seats_a, seats_b), people = pool
        call = closed_call(profiles=2, seats=1, politicians=2)
        rules(call, min_gender_share=share, max_per_organisation=1)
        first, second = call.mandate.profiles.order_by("order")
        first.seats, second.seats = seats_a, seats_b
        first.save(update_fields=["seats"])
        second.save(update_fields=["seats"])
        for gender, organisation, which, score in people:
            applicant(call, (first, second)[which], gender=gender, score=score, organisation=organisation)
        confirm_the_proposal(call)
        assert _held_breaks(call) == ()

        for index, what in steps:
            open_invitations = list(
                Invitation.objects.filter(application__call=call, state="pending").order_by("pk")
            )
            if not open_invitations:
                break
            invitation = open_invitations[index % len(open_invitations)]
            _answer(invitation, what)
            if what != "accept" and _politicians_told_of_a_waiting_seat(call, invitation):
                event("a seat waits for the politicians")
                break  # the politicians decide from here; nothing moves without them
            assert _held_breaks(call) == (), f"after {what}: the seated and invited break a rule"

        if Notification.objects.filter(kind="invitation_answered", context__passed_over__gt=0).exists():
            event("a reserve was passed over")
        mandate = Mandate.objects.get(pk=call.mandate_id)
        if mandate.state == Mandate.State.ACTIVE:
            event("the committee started")
            members = [
                as_candidate(i.application)
                for i in Invitation.objects.filter(application__call=call, state="accepted")
            ]
            assert balance.broken_rules(seats_of(call).rules, members) == ()
        transaction.set_rollback(True)
