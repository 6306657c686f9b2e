"""Dialogue meetings: registration with access needs, the waiting list, a cancelled seat offered to the
next with a deadline, the periodic tick (run twice), reminders with a calendar file, and the facilitators'
participant list, attendance and public summary."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from audit.services import entries_for
from consultations.dialogue import (
    MeetingData,
    attendance_record,
    meeting_cancel,
    meeting_update,
    summary_save,
)
from consultations.models import DialogueMeeting, Registration
from consultations.registrations import (
    RegistrationData,
    offer_accept,
    offer_decline,
    offers_tick,
    registration_cancel,
    registration_create,
)
from consultations.reminders import dialogue_reminders_tick
from notifications.models import Notification
from tests.consultations.factories import meeting_for
from tests.deliberation.deliverable_factories import committee_at_work
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
R = Registration.State


def register(meeting, person=None, needs=()):
    person = person or UserFactory()
    return registration_create(
        meeting=meeting,
        by=person,
        data=RegistrationData(name=person.full_name, access_needs=list(needs)),
        notice=None,
    )


@pytest.fixture
def cast():
    return committee_at_work()


def test_a_full_meeting_puts_people_on_the_waiting_list_in_order(cast):
    meeting = meeting_for(cast, capacity=2)
    first, second, third, fourth = (register(meeting) for _n in range(4))
    assert [r.state for r in (first, second, third, fourth)] == [
        R.CONFIRMED,
        R.CONFIRMED,
        R.WAITING,
        R.WAITING,
    ]
    assert Notification.objects.get(recipient=third.user).context["position"] == 1
    assert Notification.objects.get(recipient=fourth.user).context["position"] == 2
    confirmation = Notification.objects.get(recipient=first.user)
    assert confirmation.kind == "dialogue_registered"
    event = Calendar.from_ical(confirmation.ics).walk("VEVENT")[0]
    assert str(event["summary"]).startswith("Dialogmøde om cykelstier")


def test_a_cancellation_offers_the_seat_to_the_first_waiting_who_accepts(cast):
    meeting = meeting_for(cast, capacity=1)
    holder, waiting, later = register(meeting), register(meeting), register(meeting)
    registration_cancel(registration=holder, by=holder.user)
    waiting.refresh_from_db()
    assert waiting.state == R.OFFERED and waiting.answer_by > timezone.now()
    offer = Notification.objects.get(recipient=waiting.user, kind="dialogue_seat_offered")
    assert offer.context["registration_url"].endswith(waiting.get_absolute_url())
    offer_accept(registration=waiting, by=waiting.user)
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.state == R.CONFIRMED and later.state == R.WAITING
    actions = [e.action for e in entries_for(waiting).order_by("at", "id")]
    assert actions == ["registration.created", "registration.offered", "registration.offer_accepted"]


def test_a_declined_offer_goes_to_the_next(cast):
    meeting = meeting_for(cast, capacity=1)
    holder, first, second = register(meeting), register(meeting), register(meeting)
    registration_cancel(registration=holder, by=holder.user)
    first.refresh_from_db()
    offer_decline(registration=first, by=first.user)
    second.refresh_from_db()
    assert second.state == R.OFFERED


def test_an_offer_not_answered_in_time_lapses_and_the_tick_twice_changes_nothing_more(cast, settings):
    settings.DIALOGUE_OFFER_HOURS = 1
    meeting = meeting_for(cast, capacity=1)
    holder, first, second = register(meeting), register(meeting), register(meeting)
    registration_cancel(registration=holder, by=holder.user)
    later = timezone.now() + timedelta(hours=2)

    assert offers_tick(now=later) == {"lapsed": 1, "offered": 1}
    assert offers_tick(now=later) == {"lapsed": 0, "offered": 0}

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.state == R.LAPSED and second.state == R.OFFERED
    assert Notification.objects.filter(recipient=first.user, kind="dialogue_offer_lapsed").count() == 1


def test_an_offer_never_runs_past_the_start_of_the_meeting(cast):
    meeting = meeting_for(cast, capacity=1, starts_in=timedelta(hours=3))
    holder, waiting = register(meeting), register(meeting)
    registration_cancel(registration=holder, by=holder.user)
    waiting.refresh_from_db()
    assert waiting.answer_by == meeting.starts_at


def test_more_seats_go_to_the_waiting_list_and_fewer_than_taken_are_refused(cast):
    meeting = meeting_for(cast, capacity=1)
    register(meeting)
    waiting = register(meeting)
    data = MeetingData(
        **{name: getattr(meeting, name) for name in MeetingData.__dataclass_fields__ if name != "capacity"},
        capacity=2,
    )
    meeting_update(meeting=meeting, by=cast.facilitator, data=data)
    waiting.refresh_from_db()
    assert waiting.state == R.OFFERED
    with pytest.raises(ValidationError):
        meeting_update(
            meeting=meeting, by=cast.facilitator, data=MeetingData(**{**data.__dict__, "capacity": 1})
        )


def test_reminders_two_days_before_with_a_calendar_file_scheduled_once(cast):
    meeting = meeting_for(cast, capacity=3, starts_in=timedelta(days=2, hours=12))
    seated, cancelled = register(meeting), register(meeting)
    registration_cancel(registration=cancelled, by=cancelled.user)

    assert dialogue_reminders_tick() == 1
    assert dialogue_reminders_tick() == 0

    reminder = Notification.objects.get(kind="dialogue_reminder")
    assert reminder.recipient == seated.user
    assert reminder.due_at == meeting.starts_at - timedelta(days=2)
    assert Calendar.from_ical(reminder.ics).walk("VEVENT")[0]["uid"]


def test_a_moved_meeting_tells_everyone_and_its_reminder_follows_the_new_time(cast):
    meeting = meeting_for(cast, capacity=3, starts_in=timedelta(days=2, hours=12))
    seated = register(meeting)
    dialogue_reminders_tick()
    moved = MeetingData(
        **{
            **{name: getattr(meeting, name) for name in MeetingData.__dataclass_fields__},
            "starts_at": meeting.starts_at + timedelta(hours=5),
            "ends_at": meeting.ends_at + timedelta(hours=5),
        }
    )
    meeting = meeting_update(meeting=meeting, by=cast.facilitator, data=moved)
    changed = Notification.objects.get(recipient=seated.user, kind="dialogue_meeting_changed")
    assert Calendar.from_ical(changed.ics).walk("VEVENT")[0]["sequence"] == 1
    assert dialogue_reminders_tick() == 1
    pending = Notification.objects.get(kind="dialogue_reminder", state=Notification.State.PENDING)
    assert pending.due_at == meeting.starts_at - timedelta(days=2)


def test_a_cancelled_meeting_tells_everyone_with_a_cancelling_calendar_file(cast):
    meeting = meeting_for(cast, capacity=1)
    seated, waiting = register(meeting), register(meeting)
    meeting_cancel(meeting=meeting, by=cast.facilitator, reason="Salen er oversvømmet.")
    told = Notification.objects.filter(kind="dialogue_meeting_cancelled")
    assert set(told.values_list("recipient", flat=True)) == {seated.user_id, waiting.user_id}
    seat_file = told.get(recipient=seated.user).ics
    assert Calendar.from_ical(seat_file).walk("VEVENT")[0]["status"] == "CANCELLED"


def test_registration_closes_when_the_meeting_begins(cast):
    meeting = meeting_for(cast, capacity=5)
    DialogueMeeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError) as error:
        register(DialogueMeeting.objects.get(pk=meeting.pk))
    assert error.value.code == "closed"


def test_only_the_committees_facilitators_see_the_participant_list_with_access_needs(client, cast, staff):
    meeting = meeting_for(cast, capacity=5)
    register(meeting, needs=["step_free", "interpreter"])
    url = reverse("consultations:participants", args=[meeting.pk])
    client.force_login(cast.facilitator)
    page = client.get(url).content.decode()
    assert "Niveaufri adgang" in page or "Step-free access" in page
    for other in (cast.chair, cast.citizen, staff):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.force_login(staff)
    admin_page = client.get(
        reverse("admin:consultations_dialoguemeeting_change", args=[meeting.pk])
    ).content.decode()
    assert "step_free" not in admin_page and "interpreter" not in admin_page


def test_attendance_and_the_public_summary_after_the_meeting(client, cast):
    meeting = meeting_for(cast, capacity=3)
    came, stayed_home = register(meeting), register(meeting)
    with pytest.raises(ValidationError):
        attendance_record(meeting=meeting, by=cast.facilitator, present=[came.pk])
    DialogueMeeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    meeting.refresh_from_db()
    assert attendance_record(meeting=meeting, by=cast.facilitator, present=[came.pk]) == 1
    came.refresh_from_db()
    stayed_home.refresh_from_db()
    assert came.attended is True and stayed_home.attended is False
    summary_save(meeting=meeting, by=cast.facilitator, summary="Vi talte om skoleveje.", publish=True)
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Vi talte om skoleveje." in page


def test_registering_through_the_page_keeps_what_was_typed_across_sign_in(client, citizen):
    from core.models import PrivacyNotice

    meeting = meeting_for(committee_at_work(), capacity=1)
    url = reverse("consultations:register", args=[meeting.pk])
    form = {
        "name": "Ida Jensen",
        "access_needs": ["hearing_loop"],
        "access_details": "Jeg hører dårligt på venstre øre.",
        "consent": "on",
        "notice_version": PrivacyNotice.objects.current().version,
    }
    assert client.post(url, form).status_code == 302
    client.force_login(citizen)
    assert "Jeg hører dårligt på venstre øre." in client.get(url).content.decode()
    response = client.post(url, form)
    registration = Registration.objects.get(user=citizen)
    assert response["Location"] == registration.get_absolute_url()
    assert registration.access_needs == ["hearing_loop"] and registration.state == R.CONFIRMED
