"""A meeting is one calendar event wherever it comes from: the public meeting plan, a member's personal
feed, the file in a reminder and the file in the "meeting moved" mail carry the same UID, SEQUENCE,
times with the same zone, status, summary and place, so a calendar that has two of them sees one
version of the meeting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from icalendar import Calendar

from committees.meetings import calendar_feed_for, meeting_reminders_tick, meeting_reschedule
from notifications.models import Notification
from tests.deliberation.meeting_factories import committee_at_work

pytestmark = pytest.mark.django_db

FIELDS = ("UID", "SEQUENCE", "STATUS", "SUMMARY", "LOCATION")


def _events(ics: bytes | str, uid_prefix: str) -> list:
    return [e for e in Calendar.from_ical(ics).walk("VEVENT") if str(e["UID"]).startswith(uid_prefix)]


def _seen(event) -> dict:
    start, end = event["DTSTART"], event["DTEND"]
    return {
        **{field: str(event.get(field)) for field in FIELDS},
        "DTSTART": (start.dt, start.params.get("TZID")),
        "DTEND": (end.dt, end.params.get("TZID")),
    }


def test_the_public_plan_the_personal_feed_and_the_mails_show_one_and_the_same_event(client, settings):
    settings.SITE_URL = "https://deltag.gentofte.dk"
    cast = committee_at_work(meetings=2, first_in_days=5)
    cast.citizen.preferred_language = "da"
    cast.citizen.save(update_fields=["preferred_language"])
    meeting = cast.meetings[0]
    meeting_reschedule(
        meeting=meeting,
        starts_at=meeting.starts_at + timedelta(hours=1),
        ends_at=meeting.ends_at + timedelta(hours=1),
        place="Rådhuset, mødesal 2",
        by=cast.facilitator,
    )
    meeting.refresh_from_db()
    meeting_reminders_tick(now=meeting.starts_at - timedelta(days=1, hours=2))
    uid = f"meeting-{meeting.pk}@"

    public = client.get(reverse("committees:calendar", args=[cast.committee.mandate.slug])).content
    personal = client.get(
        reverse("deliberation:calendar_feed", args=[calendar_feed_for(user=cast.citizen).token])
    )
    mails = Notification.objects.filter(
        recipient=cast.citizen, kind__in=["meeting_moved", "meeting_reminder"]
    )
    sources = {
        "public plan": _events(public, uid),
        "personal feed": _events(personal.content, uid),
        **{f"{row.kind} mail": _events(row.ics, uid) for row in mails},
    }

    assert set(sources) == {"public plan", "personal feed", "meeting_moved mail", "meeting_reminder mail"}
    seen = {name: _seen(events[0]) for name, events in sources.items() if len(events) == 1}
    assert set(seen) == set(sources), "every source has the meeting once"
    assert len({tuple(sorted(view.items())) for view in seen.values()}) == 1, seen
    (view,) = {tuple(sorted(v.items())) for v in seen.values()}
    assert dict(view)["SEQUENCE"] == "1"
    assert dict(view)["DTSTART"] == (meeting.starts_at, "Europe/Copenhagen")
