"""A meeting as an iCalendar event (RFC 5545), made in this one place for the public meeting plan, the
members' personal feeds and the files in the meeting mails (moved, cancelled, reminders).

One rule for all of them, so a calendar that subscribed to two feeds, or imported a mail's file, sees one
version of a meeting: the UID is stable per meeting, SEQUENCE is the meeting's revision (raised when it
moves or is cancelled), and the times are the municipality's wall-clock time with its VTIMEZONE, so the
instant survives daylight saving and clients that do not know the zone by name still place it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from committees.meeting_pages import meeting_page_url
from committees.models import Meeting


def meeting_uid(meeting: Meeting) -> str:
    # Stable across downloads, so a subscribed calendar updates the event instead of adding another.
    return f"meeting-{meeting.pk}@{urlsplit(settings.SITE_URL).hostname}"


def local(moment: datetime) -> datetime:
    """The municipality's wall-clock time (Europe/Copenhagen), so calendar files say TZID."""
    return timezone.localtime(moment, timezone.get_default_timezone())


def meeting_title(meeting: Meeting) -> str:
    return _("%(name)s: meeting %(number)s") % {"name": meeting.committee.name, "number": meeting.number}


def meeting_event(meeting: Meeting, *, url: str | None = None, stamp: datetime | None = None) -> Event:
    """One VEVENT, in the active language. `url` is where the reader follows the meeting: the members'
    page unless given (the public feed gives the committee's public page)."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp or timezone.now())
    event.add("dtstart", local(meeting.starts_at))
    event.add("dtend", local(meeting.ends_at))
    event.add("summary", meeting_title(meeting))
    # Calendars that imported a file (rather than subscribed) honour a change only with a higher SEQUENCE.
    event.add("status", "CANCELLED" if meeting.state == Meeting.State.CANCELLED else "CONFIRMED")
    event.add("sequence", meeting.sequence)
    if meeting.place:
        event.add("location", meeting.place)
    event.add("url", url or meeting_page_url(meeting))
    return event


def meeting_calendar(events: Iterable[Event], *, name: str = "") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.MUNICIPALITY_NAME}//Samskab//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def meeting_file(meeting: Meeting) -> str:
    """The calendar file a meeting mail carries: the one event, as the feeds show it."""
    return meeting_calendar([meeting_event(meeting)]).decode()


def meeting_plan_calendar(*, name: str, url: str, meetings: list[Meeting]) -> bytes:
    """The committee's public meeting plan; each event links to the committee's public page."""
    stamp = timezone.now()
    return meeting_calendar([meeting_event(meeting, url=url, stamp=stamp) for meeting in meetings], name=name)
