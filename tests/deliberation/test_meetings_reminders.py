"""Meeting reminders through the outbox, and what members are told when a meeting moves, is cancelled
or gets its agenda: scheduled once, with a calendar file that has the right instant."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from icalendar import Calendar

from committees.meetings import (
    agenda_publish,
    calendar_feed_for,
    calendar_feed_revoke,
    meeting_cancel,
    meeting_reminders_tick,
    meeting_reschedule,
)
from committees.models import Meeting, Membership
from committees.tasks import meeting_reminders_task
from notifications.emails import render_message
from notifications.models import Notification
from tests.committees.factories import MembershipFactory
from tests.deliberation.meeting_factories import committee_at_work, evening

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def cast():
    return committee_at_work(meetings=3, first_in_days=5)


def reminders(**filters):
    return Notification.objects.filter(kind="meeting_reminder", **filters)


def told_count(kind: str) -> int:
    return Notification.objects.filter(kind=kind).count()


def parsed_event(ics: str):
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    return event


def test_reminders_are_scheduled_7_and_1_days_before_for_every_active_member(cast):
    meeting = cast.meetings[0]
    MembershipFactory(committee=cast.committee, citizen=True, left_on=meeting.starts_at.date())
    now = meeting.starts_at - timedelta(days=7, hours=2)

    assert meeting_reminders_tick(now=now) == 6

    rows = reminders(state=Notification.State.PENDING)
    assert {(row.recipient, row.due_at) for row in rows} == {
        (user, meeting.starts_at - timedelta(days=days)) for user in cast.members for days in (7, 1)
    }
    assert {row.key for row in rows if row.recipient == cast.citizen} == {
        f"meeting-reminder:{meeting.pk}:{cast.citizen.pk}:7d:s0",
        f"meeting-reminder:{meeting.pk}:{cast.citizen.pk}:1d:s0",
    }


def test_the_reminder_carries_a_calendar_file_with_the_right_instant_in_copenhagen(cast, settings):
    settings.SITE_URL = "https://deltag.gentofte.dk"
    meeting = cast.meetings[0]
    meeting_reminders_tick(now=meeting.starts_at - timedelta(days=7, hours=2))

    row = reminders(recipient=cast.citizen).first()
    event = parsed_event(row.ics)
    start = event.decoded("DTSTART")
    assert start == meeting.starts_at
    assert start.tzinfo.key == "Europe/Copenhagen"
    assert start.astimezone(COPENHAGEN).hour == 17
    assert event.decoded("DTEND") == meeting.ends_at
    assert str(event["UID"]) == f"meeting-{meeting.pk}@deltag.gentofte.dk"
    assert int(event["SEQUENCE"]) == 0


def test_the_reminder_email_names_the_meeting_committee_time_place_and_page(cast, settings):
    settings.SITE_URL = "https://deltag.gentofte.dk"
    meeting = cast.meetings[0]
    meeting_reminders_tick(now=meeting.starts_at - timedelta(days=1, hours=2))

    message = render_message(reminders(recipient=cast.citizen).get())
    assert isinstance(message, EmailMultiAlternatives)
    assert message.subject.startswith("Reminder: meeting 1 of Ny ungepolitik")
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "meets tomorrow" in part
        assert "Rådhuset, mødesal 1" in part
        assert "17:00" in part or "5 p.m." in part
        assert f"https://deltag.gentofte.dk/my/committees/{cast.committee.mandate.slug}/meetings/1/" in part
    assert message.attachments[0][0] == "invitation.ics"


def test_running_the_tick_twice_schedules_nothing_more(cast):
    now = cast.meetings[0].starts_at - timedelta(days=7, hours=2)
    first = meeting_reminders_tick(now=now)
    assert first > 0
    assert meeting_reminders_tick(now=now) == 0
    assert reminders().count() == first


def test_the_celery_task_runs_the_tick(cast):
    # Meetings 5, 19 and 33 days ahead: only the first is within 8 days; its 7-day reminder is past.
    assert meeting_reminders_task.delay().get() == 3
    assert meeting_reminders_task.delay().get() == 0


def test_a_reminder_whose_time_passed_more_than_an_hour_ago_is_skipped(cast):
    meeting = cast.meetings[0]
    now = meeting.starts_at - timedelta(days=7) + timedelta(hours=2)
    meeting_reminders_tick(now=now)
    assert {row.key.split(":")[3] for row in reminders()} == {"1d"}


def test_a_moved_meeting_cancels_old_reminders_and_the_next_tick_follows_the_new_time(cast):
    meeting = cast.meetings[0]
    now = meeting.starts_at - timedelta(days=7, hours=2)
    meeting_reminders_tick(now=now)
    old = set(reminders().values_list("pk", flat=True))

    new_start = meeting.starts_at + timedelta(days=1, hours=1)
    moved = meeting_reschedule(
        meeting=meeting,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
        place="Ungdomsskolen",
        by=cast.facilitator,
    )
    assert moved.sequence == 1
    assert set(Notification.objects.filter(pk__in=old).values_list("state", flat=True)) == {
        Notification.State.CANCELLED
    }

    told = Notification.objects.filter(kind="meeting_moved")
    assert {row.recipient for row in told} == set(cast.members)
    assert parsed_event(told.first().ics).decoded("DTSTART") == new_start
    assert int(parsed_event(told.first().ics)["SEQUENCE"]) == 1

    later = new_start - timedelta(days=7, hours=2)
    assert meeting_reminders_tick(now=later) == 6
    fresh = reminders(state=Notification.State.PENDING)
    assert {row.due_at for row in fresh} == {new_start - timedelta(days=7), new_start - timedelta(days=1)}
    assert all(row.key.endswith(":s1") for row in fresh)
    assert all(parsed_event(row.ics).decoded("DTSTART") == new_start for row in fresh)
    assert all(int(parsed_event(row.ics)["SEQUENCE"]) == 1 for row in fresh)
    assert meeting_reminders_tick(now=later) == 0


def test_moving_a_meeting_twice_with_the_same_form_tells_members_once(cast):
    meeting = cast.meetings[0]
    start = meeting.starts_at + timedelta(hours=1)
    for _ in range(2):
        meeting = meeting_reschedule(
            meeting=meeting, starts_at=start, ends_at=start + timedelta(hours=2), by=cast.facilitator
        )
    assert meeting.sequence == 1
    assert told_count("meeting_moved") == 3


def test_a_meeting_cannot_move_outside_the_mandates_time_frame_or_into_the_past(cast):
    meeting = cast.meetings[0]
    far = evening(400)
    with pytest.raises(ValidationError) as outside:
        meeting_reschedule(
            meeting=meeting, starts_at=far, ends_at=far + timedelta(hours=2), by=cast.facilitator
        )
    assert "starts_at" in outside.value.message_dict
    past = evening(-2)
    with pytest.raises(ValidationError):
        meeting_reschedule(
            meeting=meeting, starts_at=past, ends_at=past + timedelta(hours=2), by=cast.facilitator
        )
    meeting.refresh_from_db()
    assert meeting.sequence == 0
    assert not Notification.objects.exists()


def test_only_facilitators_and_staff_manage_meetings(cast, staff):
    meeting = cast.meetings[0]
    for person in (cast.citizen, cast.politician):
        with pytest.raises(PermissionDenied):
            meeting_cancel(meeting=meeting, by=person)
        with pytest.raises(PermissionDenied):
            agenda_publish(meeting=meeting, agenda="1. Velkomst", by=person)
    assert agenda_publish(meeting=meeting, agenda="1. Velkomst", by=staff).agenda_published_at


def test_a_cancelled_meeting_gets_no_reminders_and_members_are_told(cast):
    meeting = cast.meetings[0]
    now = meeting.starts_at - timedelta(days=7, hours=2)
    meeting_reminders_tick(now=now)

    cancelled = meeting_cancel(meeting=meeting, by=cast.facilitator, reason="For få kan komme.")
    assert cancelled.state == Meeting.State.CANCELLED
    assert cancelled.sequence == 1
    assert not reminders(state=Notification.State.PENDING).exists()
    assert meeting_reminders_tick(now=now) == 0

    told = Notification.objects.filter(kind="meeting_cancelled")
    assert {row.recipient for row in told} == set(cast.members)
    event = parsed_event(told.first().ics)
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == meeting.starts_at
    message = render_message(told.get(recipient=cast.citizen))
    assert "Cancelled: meeting 1" in message.subject
    assert "For få kan komme." in message.body
    assert "For få kan komme." in message.alternatives[0][0]

    with pytest.raises(ValidationError):
        meeting_cancel(meeting=cancelled, by=cast.facilitator)
    assert told_count("meeting_cancelled") == 3


def test_publishing_the_agenda_tells_members_once_per_change(cast):
    meeting = cast.meetings[0]
    agenda_publish(meeting=meeting, agenda="1. Velkomst\n2. Workshop", by=cast.facilitator)
    agenda_publish(meeting=meeting, agenda="1. Velkomst\n2. Workshop", by=cast.facilitator)
    assert told_count("agenda_published") == 3
    assert {row.recipient for row in Notification.objects.filter(kind="agenda_published")} == set(
        cast.members
    )

    meeting.refresh_from_db()
    assert meeting.agenda_published_at is not None
    agenda_publish(meeting=meeting, agenda="1. Velkomst\n2. Workshop\n3. Eventuelt", by=cast.facilitator)
    assert told_count("agenda_published") == 6
    message = render_message(
        Notification.objects.filter(kind="agenda_published", recipient=cast.citizen).first()
    )
    assert "Agenda for meeting 1 of Ny ungepolitik" in message.subject


def test_an_empty_agenda_cannot_be_published(cast):
    with pytest.raises(ValidationError):
        agenda_publish(meeting=cast.meetings[0], agenda="  ", by=cast.facilitator)
    assert not Notification.objects.exists()


def test_members_who_left_are_not_reminded(cast):
    Membership.objects.filter(user=cast.politician).update(left_on=cast.meetings[0].starts_at.date())
    meeting_reminders_tick(now=cast.meetings[0].starts_at - timedelta(days=7, hours=2))
    assert cast.politician not in {row.recipient for row in reminders()}


def test_a_new_calendar_address_replaces_the_old(cast):
    feed = calendar_feed_for(user=cast.citizen)
    assert calendar_feed_for(user=cast.citizen).token == feed.token
    renewed = calendar_feed_revoke(user=cast.citizen)
    assert renewed.pk == feed.pk
    assert renewed.token != feed.token


def test_a_member_who_leaves_after_the_tick_gets_no_reminder(cast):
    meeting = cast.meetings[0]
    now = meeting.starts_at - timedelta(days=7, hours=2)
    meeting_reminders_tick(now=now)
    Membership.objects.filter(committee=cast.committee, user=cast.citizen).update(left_on=F("joined_on"))

    meeting_reminders_tick(now=now + timedelta(minutes=15))

    assert not reminders(recipient=cast.citizen, state=Notification.State.PENDING).exists()
    assert reminders(recipient=cast.politician, state=Notification.State.PENDING).count() == 2


def test_a_small_move_after_the_7_day_reminder_does_not_send_it_again(cast):
    meeting = cast.meetings[0]
    now = meeting.starts_at - timedelta(days=7, minutes=10)
    meeting_reminders_tick(now=now)
    reminders(key__contains=":7d:").update(state=Notification.State.SENT, sent_at=now)

    later = meeting.starts_at + timedelta(minutes=30)
    meeting_reschedule(
        meeting=meeting, starts_at=later, ends_at=later + timedelta(hours=2), place="", by=cast.facilitator
    )
    meeting_reminders_tick(now=now + timedelta(minutes=10))

    for user in cast.members:
        assert reminders(recipient=user, key__contains=":7d:").count() == 1  # the one already sent
        assert (
            reminders(recipient=user, key__contains=":1d:s1", state=Notification.State.PENDING).count() == 1
        )
