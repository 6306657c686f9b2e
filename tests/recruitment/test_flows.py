"""Recruitment from open call to members, through the services, as the beat and the people drive it."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import OperationalError, connection, transaction
from django.utils import timezone, translation

from committees.models import Membership
from core.models import PrivacyNotice
from mandates.models import Mandate, MandateTransition
from notifications.models import Notification
from recruitment.applications import (
    ApplicationData,
    application_submit,
    application_update,
    application_withdraw,
)
from recruitment.calls import call_close, call_open, calls_close_due
from recruitment.citizen.invitations import invitation_accept, invitation_decline, invitations_tick
from recruitment.models import Application, Call, Invitation, Selection
from recruitment.retention import applications_anonymise_due
from recruitment.review.ratings import rating_set
from recruitment.review.selection import selection_confirm, selection_propose
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, call_with_committee

pytestmark = pytest.mark.django_db

PUBLIC_VALUE = "7 12 23 31 40 / 3 18"  # the Lotto numbers staff enter once they are drawn


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def data_for(call, **overrides) -> ApplicationData:
    profile = call.mandate.profiles.first()
    fields = {
        "profile_ids": [profile.pk],
        "motivation": "Jeg vil gerne være med.",
        "tie": "lives",
        "postal_code": "2820",
        **overrides,
    }
    return ApplicationData(**fields)


def politicians(call):
    return [m.user for m in call.mandate.committee.memberships.filter(role="politician")]


def test_opening_a_planned_call_starts_recruiting_and_cannot_happen_twice(staff):
    call = call_with_committee(state=Call.State.PLANNED, mandate__state=Mandate.State.ADOPTED)
    call.mandate.state = Mandate.State.ADOPTED
    call.mandate.save()
    call_open(call=call, by=staff)
    call.refresh_from_db()
    call.mandate.refresh_from_db()
    assert (call.state, call.mandate.state) == ("open", "recruiting")
    with pytest.raises(ValidationError, match="Only a planned call"):
        call_open(call=call, by=staff)


def test_closing_due_calls_twice_closes_once_and_tells_the_officials_once():
    call = call_with_committee(politicians=2)
    ApplicationFactory(call=call)
    with time_machine.travel(call.deadline + timedelta(minutes=1)):
        assert calls_close_due() == 1
        assert calls_close_due() == 0
    call.refresh_from_db()
    call.mandate.refresh_from_db()
    assert (call.state, call.mandate.state) == ("closed", "matching")
    assert Notification.objects.filter(kind="call_closed").count() == 3  # two politicians, one facilitator
    assert MandateTransition.objects.filter(mandate=call.mandate, to_state="matching").count() == 1


def test_a_call_is_not_closed_before_its_deadline():
    call_with_committee()
    assert calls_close_due() == 0


def test_a_citizen_applies_gets_a_receipt_and_cannot_apply_twice(citizen):
    call = call_with_committee()
    application = application_submit(call=call, applicant=citizen, data=data_for(call))
    assert application.privacy_notice == PrivacyNotice.objects.current()
    assert Notification.objects.filter(kind="application_receipt", recipient=citizen).count() == 1
    with pytest.raises(ValidationError, match="already applied"):
        application_submit(call=call, applicant=citizen, data=data_for(call))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"postal_code": "8000"}, "postal_code"),
        ({"tie": "other", "postal_code": ""}, "other_tie"),
        ({"organisation": "Klubben"}, "takes_part_as_individual"),
        ({"profile_ids": []}, "profiles"),
    ],
)
def test_an_application_that_breaks_a_rule_says_which_field(citizen, overrides, field):
    call = call_with_committee()
    with pytest.raises(ValidationError) as refused:
        application_submit(call=call, applicant=citizen, data=data_for(call, **overrides))
    assert field in refused.value.message_dict


def test_after_the_deadline_an_application_can_be_neither_made_nor_changed(citizen, english_citizen):
    call = call_with_committee()
    application = application_submit(call=call, applicant=citizen, data=data_for(call))
    with time_machine.travel(call.deadline + timedelta(seconds=1)):
        with pytest.raises(ValidationError, match="deadline has passed"):
            application_submit(call=call, applicant=english_citizen, data=data_for(call))
        with pytest.raises(ValidationError, match="deadline has passed"):
            application_update(application=application, data=data_for(call), by=citizen)


def test_a_withdrawn_application_is_out_of_the_pool(citizen):
    call = call_with_committee()
    application = application_submit(call=call, applicant=citizen, data=data_for(call))
    application_withdraw(application=application, by=citizen)
    assert not selection_propose(call).assignment.get(call.mandate.profiles.first().pk)


def closed_call_with_pool(size: int = 4, seats: int = 1):
    call = call_with_committee(profiles=2, seats=seats)
    first, second = call.mandate.profiles.order_by("order")
    pool = [ApplicationFactory(call=call, profiles=[first, second]) for _ in range(size)]
    call_close(call=call)
    Call.objects.filter(pk=call.pk).update(draw_public_value=PUBLIC_VALUE)
    call.refresh_from_db()
    return call, first, second, pool


def confirm(call, by=None):
    # Unrated pools are all ties: the public value for the draw is known before anyone confirms.
    Call.objects.filter(pk=call.pk).update(draw_public_value=PUBLIC_VALUE)
    call.refresh_from_db()
    proposal = selection_propose(call)
    return selection_confirm(
        call=call,
        by=by or politicians(call)[0],
        rationale="Bedste match.",
        seats={pid: list(ids) for pid, ids in proposal.assignment.items()},
        reserves={pid: list(ids) for pid, ids in proposal.reserves.items()},
    )


def test_ratings_steer_the_engine_and_confirming_invites_reserves_and_thanks():
    call, first, second, pool = closed_call_with_pool(size=4)
    chair = politicians(call)[0]
    rating_set(application=pool[3], profile_id=first.pk, politician=chair, score=5)
    rating_set(application=pool[2], profile_id=second.pk, politician=chair, score=5)

    confirm(call)

    pool = [Application.objects.get(pk=a.pk) for a in pool]
    assert pool[3].state == pool[2].state == "invited"
    assert Invitation.objects.get(application=pool[3]).profile == first
    assert {pool[0].state, pool[1].state} == {"reserve"}
    assert Notification.objects.filter(kind="invitation").count() == 2
    with pytest.raises(ValidationError, match="Ratings are closed"):
        rating_set(application=pool[0], profile_id=first.pk, politician=chair, score=1)


def test_a_second_confirmation_is_refused_and_changes_nothing():
    call, *_ = closed_call_with_pool()
    confirm(call)
    with pytest.raises(ValidationError, match="already been confirmed"):
        confirm(Call.objects.get(pk=call.pk), by=politicians(call)[1])
    assert Selection.objects.count() == 1
    assert Invitation.objects.count() == 2


def test_accepting_makes_a_member_and_a_full_committee_becomes_active():
    call, first, second, _pool = closed_call_with_pool()
    confirm(call)
    memberships = [invitation_accept(invitation=i) for i in Invitation.objects.all()]
    assert {m.profile for m in memberships} == {first, second}
    assert all(m.role == Membership.Role.CITIZEN for m in memberships)
    call.mandate.refresh_from_db()
    assert call.mandate.state == "active"
    # The reserves are thanked once the committee is complete.
    assert Notification.objects.filter(kind="application_thanks").count() == 2


def test_a_double_accept_gives_one_membership():
    call, *_ = closed_call_with_pool()
    confirm(call)
    invitation = Invitation.objects.first()
    first, again = invitation_accept(invitation=invitation), invitation_accept(invitation=invitation)
    assert first.pk == again.pk
    assert Membership.objects.filter(role="citizen").count() == 1


def test_a_decline_offers_the_seat_to_the_next_reserve_and_tells_the_politicians():
    call, first, *_ = closed_call_with_pool(size=4)
    confirm(call)
    declined = Invitation.objects.get(profile=first)
    invitation_decline(invitation=declined)
    successor = Invitation.objects.get(profile=first, state="pending")
    assert successor.application_id != declined.application_id
    assert Notification.objects.filter(kind="invitation_answered").count() == 2


def test_the_invitation_clock_reminds_once_then_expires_once_and_moves_on():
    call, _first, *_ = closed_call_with_pool(size=3)
    confirm(call)
    start = timezone.now()
    with time_machine.travel(start + timedelta(days=3, hours=1)):
        assert invitations_tick() == {"reminded": 2, "expired": 0}
        assert invitations_tick() == {"reminded": 0, "expired": 0}
    with time_machine.travel(start + timedelta(days=7, hours=1)):
        assert invitations_tick()["expired"] == 2
        assert invitations_tick()["expired"] == 0
    assert Notification.objects.filter(kind="invitation_reminder").count() == 2
    assert Invitation.objects.filter(state="pending").count() == 1  # the one reserve got a seat offer
    with pytest.raises(ValidationError):
        invitation_accept(invitation=Invitation.objects.filter(state="expired").first())


def test_an_answer_after_the_deadline_is_refused_and_the_seat_moves_on():
    call, *_ = closed_call_with_pool(size=3)
    confirm(call)
    invitation = Invitation.objects.first()
    with time_machine.travel(invitation.answer_by + timedelta(minutes=1)), pytest.raises(ValidationError):
        invitation_accept(invitation=invitation)


def test_anonymisation_keeps_members_and_counts_and_runs_once(settings):
    settings.APPLICANT_RETENTION_DAYS = 30
    call, *_ = closed_call_with_pool(size=4)
    confirm(call)
    invitation_accept(invitation=Invitation.objects.first())
    started = timezone.localdate() - timedelta(days=31)
    Mandate.objects.filter(pk=call.mandate_id).update(
        starts_on=started, ends_on=started + timedelta(days=300)
    )

    first, second = applications_anonymise_due(), applications_anonymise_due()

    assert (first, second) == (2, 0)  # the two reserves; the member and the invited one keep theirs
    anonymised = Application.objects.filter(anonymised_at__isnull=False)
    assert all(a.applicant_id is None and a.motivation == "" and a.gender == "" for a in anonymised)
    call.refresh_from_db()
    assert call.statistics["applications"] == 4
    assert Application.objects.filter(state="accepted", applicant__isnull=False).count() == 1


def test_nothing_is_anonymised_before_the_retention_period(settings):
    call, *_ = closed_call_with_pool(size=2)
    confirm(call)
    today = timezone.localdate()
    Mandate.objects.filter(pk=call.mandate_id).update(starts_on=today, ends_on=today + timedelta(days=300))
    assert applications_anonymise_due() == 0


def in_threads(*actions):
    barrier = threading.Barrier(len(actions))
    outcomes = []

    def run(action):
        barrier.wait()
        try:
            outcomes.append(action())
        except ValidationError as error:
            outcomes.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_politicians_confirming_at_once_give_one_selection(settings):
    settings.OUTBOX_KICK_ON_COMMIT = False
    call, *_ = closed_call_with_pool()
    chair, other = politicians(call)
    outcomes = in_threads(lambda: confirm(call, by=chair), lambda: confirm(call, by=other))
    assert Selection.objects.count() == 1
    assert sum(isinstance(o, ValidationError) for o in outcomes) == 1
    assert Invitation.objects.count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_double_click_on_accept_at_the_same_moment_gives_one_membership(settings):
    settings.OUTBOX_KICK_ON_COMMIT = False
    call, *_ = closed_call_with_pool()
    confirm(call)
    invitation = Invitation.objects.first()
    in_threads(
        lambda: invitation_accept(invitation=invitation), lambda: invitation_accept(invitation=invitation)
    )
    assert Membership.objects.filter(role="citizen").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_applications_to_one_call_are_sent_side_by_side_and_closing_the_call_waits_for_them(settings):
    """Near a deadline many apply at once: an application being sent holds the call against change but
    does not make the next applicant wait; closing the call waits until it is sent."""
    settings.OUTBOX_KICK_ON_COMMIT = False
    call = call_with_committee()
    first, second = UserFactory(), UserFactory()
    with in_another_transaction(lambda: application_submit(call=call, applicant=first, data=data_for(call))):
        with transaction.atomic():
            _lock_timeout("5s")  # a wait for the first would end in an error here
            application_submit(call=call, applicant=second, data=data_for(call))
        with pytest.raises(OperationalError), transaction.atomic():
            _lock_timeout("200ms")
            call_close(call=call)
    assert call_close(call=call)
    assert Application.objects.filter(call=call).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_a_change_to_an_application_waits_for_the_call_being_closed(settings):
    settings.OUTBOX_KICK_ON_COMMIT = False
    call = call_with_committee()
    application = application_submit(call=call, applicant=UserFactory(), data=data_for(call))
    closing = in_another_transaction(lambda: Call.objects.select_for_update().get(pk=call.pk))
    with closing, pytest.raises(OperationalError), transaction.atomic():
        _lock_timeout("200ms")
        application_update(application=application, data=data_for(call, motivation="Ny."), by=None)


@contextmanager
def in_another_transaction(action):
    """Inside, `action` has run in a transaction of another connection that stays open, holding its locks."""
    started, done = threading.Event(), threading.Event()

    def run():
        try:
            with transaction.atomic():
                action()
                started.set()
                done.wait(30)
        finally:
            connection.close()

    holder = threading.Thread(target=run)
    holder.start()
    try:
        assert started.wait(30)
        yield
    finally:
        done.set()
        holder.join()


def _lock_timeout(value: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{value}'")


def test_a_citizen_outside_the_committee_cannot_rate(citizen):
    from django.core.exceptions import PermissionDenied

    _call, first, _second, pool = closed_call_with_pool()
    with pytest.raises(PermissionDenied):
        rating_set(application=pool[0], profile_id=first.pk, politician=UserFactory(), score=3)


def test_a_late_accept_still_expires_the_invitation_and_invites_the_next_reserve():
    call, first, *_ = closed_call_with_pool(size=3)
    confirm(call)
    late = Invitation.objects.get(profile=first)
    with (
        time_machine.travel(late.answer_by + timedelta(minutes=1)),
        pytest.raises(ValidationError, match="deadline"),
    ):
        invitation_accept(invitation=late)
    late.refresh_from_db()
    assert late.state == "expired"
    assert Invitation.objects.filter(profile=first, state="pending").exclude(pk=late.pk).count() == 1


def test_applying_without_a_published_privacy_notice_says_so(citizen):
    call = call_with_committee()
    PrivacyNotice.objects.all().delete()
    with pytest.raises(ValidationError, match="no privacy notice"):
        application_submit(call=call, applicant=citizen, data=data_for(call))


def test_confirming_while_the_call_is_open_says_so():
    call = call_with_committee()
    ApplicationFactory(call=call)
    with pytest.raises(ValidationError, match="still open"):
        confirm(call)


def test_a_reserve_named_twice_is_placed_once():
    call, first, *_ = closed_call_with_pool(size=4)
    proposal = selection_propose(call)
    reserves = {pid: list(ids) * 2 for pid, ids in proposal.reserves.items()}
    selection = selection_confirm(
        call=call,
        by=politicians(call)[0],
        rationale="Dobbelt.",
        seats={pid: list(ids) for pid, ids in proposal.assignment.items()},
        reserves=reserves,
    )
    assert selection.placements.filter(kind="reserve", profile=first).count() == len(
        proposal.reserves[first.pk]
    )


def test_every_message_of_a_whole_recruitment_renders_and_is_sent(citizen, english_citizen):
    from django.core import mail

    from notifications.dispatch import outbox_dispatch

    call = call_with_committee(profiles=1, seats=1)
    application_submit(call=call, applicant=citizen, data=data_for(call))
    application_submit(call=call, applicant=english_citizen, data=data_for(call))
    with time_machine.travel(call.deadline + timedelta(minutes=1)):
        calls_close_due()
    call.refresh_from_db()
    confirm(call)
    invitation = Invitation.objects.get(state="pending")
    with time_machine.travel(invitation.sent_at + timedelta(days=3, hours=1)):
        invitations_tick()
    invitation_decline(invitation=invitation)

    with time_machine.travel(call.deadline + timedelta(days=30)):  # everything scheduled is due
        report = outbox_dispatch()

    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds == {
        "application_receipt",
        "call_closed",
        "invitation",
        "invitation_reminder",
        "invitation_answered",
    }
    failed = Notification.objects.filter(state="failed").values_list("kind", "last_error")
    assert report.failed == 0, list(failed)
    assert report.sent == Notification.objects.count() == len(mail.outbox)
    links = [m.body for m in mail.outbox if "/invitations/" in m.body]
    assert links, "the invitation mail carries its answer link"
