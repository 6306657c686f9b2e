"""The iCal feed of a committee's public meeting plan."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from committees.models import Meeting
from mandates.models import Mandate
from tests.committees.factories import MeetingFactory, TaskCommitteeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    committee = TaskCommitteeFactory(name="Ny ungepolitik", mandate__slug="ny-ungepolitik")
    zone = timezone.get_current_timezone()
    MeetingFactory(
        committee=committee,
        number=1,
        starts_at=datetime(2026, 3, 12, 17, tzinfo=zone),
        ends_at=datetime(2026, 3, 12, 20, tzinfo=zone),
        place="Rådhuset, mødesal 1",
        agenda="Hemmelig dagsorden",
    )
    MeetingFactory(committee=committee, number=2, place="Ungdomsskolen", state=Meeting.State.CANCELLED)
    MeetingFactory(committee=committee, number=3, state=Meeting.State.HELD)
    return committee


def feed(client, committee) -> tuple:
    response = client.get(reverse("committees:calendar", args=[committee.mandate.slug]))
    assert response.status_code == 200
    return response, Calendar.from_ical(response.content)


def test_the_feed_is_a_calendar_file_with_one_event_per_meeting(client, committee, settings):
    settings.SITE_URL = "https://deltag.gentofte.dk"
    response, calendar = feed(client, committee)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    events = calendar.walk("VEVENT")
    assert len(events) == 3
    uids = {str(event["UID"]) for event in events}
    assert uids == {f"meeting-{m.pk}@deltag.gentofte.dk" for m in committee.meetings.all()}


def test_each_event_has_the_time_place_and_a_summary_naming_the_committee(client, committee):
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})
    _response, calendar = feed(client, committee)
    first = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]).endswith("meeting 1"))
    assert str(first["SUMMARY"]) == "Ny ungepolitik: meeting 1"
    assert str(first["LOCATION"]) == "Rådhuset, mødesal 1"
    assert first.decoded("DTSTART") == datetime(2026, 3, 12, 17, tzinfo=timezone.get_current_timezone())
    assert first.decoded("DTEND") == datetime(2026, 3, 12, 20, tzinfo=timezone.get_current_timezone())


def test_a_cancelled_meeting_is_marked_cancelled_and_the_others_confirmed(client, committee):
    _response, calendar = feed(client, committee)
    status = {str(e["SUMMARY"])[-1]: str(e["STATUS"]) for e in calendar.walk("VEVENT")}
    assert status == {"1": "CONFIRMED", "2": "CANCELLED", "3": "CONFIRMED"}


def test_the_uid_stays_the_same_between_downloads(client, committee):
    first = {str(e["UID"]) for e in feed(client, committee)[1].walk("VEVENT")}
    second = {str(e["UID"]) for e in feed(client, committee)[1].walk("VEVENT")}
    assert first == second


def test_the_feed_never_contains_an_agenda(client, committee):
    response, _calendar = feed(client, committee)
    assert b"Hemmelig dagsorden" not in response.content


def test_the_feed_of_a_draft_is_not_found(client):
    draft = TaskCommitteeFactory(mandate__state=Mandate.State.DRAFT)
    MeetingFactory(committee=draft)
    assert client.get(reverse("committees:calendar", args=[draft.mandate.slug])).status_code == 404
