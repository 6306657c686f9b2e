"""The public meeting plan of a committee as a calendar feed (RFC 5545), one event per meeting."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from committees.models import Meeting


def meeting_uid(meeting: Meeting) -> str:
    # Stable across downloads, so a subscribed calendar updates the event instead of adding another.
    return f"meeting-{meeting.pk}@{urlsplit(settings.SITE_URL).hostname}"


def meeting_plan_calendar(*, name: str, url: str, meetings: list[Meeting]) -> bytes:
    """The calendar file; summaries are in the active language."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.MUNICIPALITY_NAME}//Samskab//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for meeting in meetings:
        calendar.add_component(_meeting_event(meeting, name=name, url=url, stamp=stamp))
    return calendar.to_ical()


def _meeting_event(meeting: Meeting, *, name: str, url: str, stamp) -> Event:
    cancelled = meeting.state == Meeting.State.CANCELLED
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", _("%(name)s: meeting %(number)s") % {"name": name, "number": meeting.number})
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # Calendars that imported the file (rather than subscribed) honour a cancellation only with a
    # higher sequence number.
    event.add("sequence", 1 if cancelled else 0)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", url)
    return event
