"""Calendar files (RFC 5545) for meeting mail, made with icalendar."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def calendar_event(
    *,
    uid: str,
    start: datetime,
    end: datetime,
    summary: str,
    location: str = "",
    description: str = "",
    url: str = "",
    sequence: int = 0,
    cancelled: bool = False,
) -> str:
    """One event in a calendar file. Keep `uid` stable and raise `sequence` when a meeting moves; a
    cancelled meeting's file (same `uid`, higher `sequence`) removes the event from the calendar."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.MUNICIPALITY_NAME}//Samskab//DA")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", summary)
    event.add("sequence", sequence)
    if cancelled:
        event.add("status", "CANCELLED")
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical().decode()
