"""A dialogue meeting as a calendar file (notifications.ics), and what every message about it shows."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.mail import site_url
from consultations.models import DialogueMeeting
from notifications.ics import calendar_event


def _local(moment):
    """The municipality's wall-clock time, so the file says TZID and survives daylight saving."""
    return timezone.localtime(moment, timezone.get_default_timezone())


def meeting_ics(meeting: DialogueMeeting, *, with_link: bool = True) -> str:
    """The event, stable by UID; its SEQUENCE is the meeting's revision. The online link goes only to
    people with a seat (`with_link`)."""
    location = meeting.place
    if with_link and meeting.online_url:
        location = f"{location} · {meeting.online_url}" if location else meeting.online_url
    return calendar_event(
        uid=f"dialogue-meeting-{meeting.pk}@{urlsplit(settings.SITE_URL).hostname}",
        start=_local(meeting.starts_at),
        end=_local(meeting.ends_at),
        summary=_("%(title)s (%(committee)s)")
        % {"title": meeting.title, "committee": meeting.committee.name},
        location=location,
        url=site_url("meeting", meeting.pk),
        sequence=meeting.sequence,
        cancelled=meeting.state == DialogueMeeting.State.CANCELLED,
    )


def meeting_context(meeting: DialogueMeeting) -> dict:
    """What every message about the meeting shows; dates go as values, so each is shown in its reader's
    language and time zone."""
    return {
        "meeting": meeting.title,
        "kind": meeting.kind,
        "committee": meeting.committee.name,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "place": meeting.place,
        "meeting_url": site_url("meeting", meeting.pk),
    }
