"""Reminders two days before a dialogue meeting, with the calendar file, to everyone with a seat.

The beat runs the tick every 15 minutes; it schedules each reminder in the outbox for its time, keyed by
meeting, registration and the meeting's revision. Running it twice schedules nothing twice; a reminder of
someone who cancelled, or of a meeting that moved or was cancelled, is cancelled before it is sent; a
reminder already sent for an earlier time of the same meeting is not sent again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from consultations.calendar import meeting_context, meeting_ics
from consultations.mail import site_url, tell
from consultations.models import DialogueMeeting, Registration
from notifications.models import Notification

BEFORE = timedelta(days=2)
# A reminder whose time passed while no tick ran (an outage) is still worth sending within the hour.
GRACE = timedelta(hours=1)
# The tick looks a little further than the reminder, so a late-running beat misses none.
HORIZON = BEFORE + timedelta(days=1)
KIND = "dialogue_reminder"


def reminder_key(meeting: DialogueMeeting, registration_pk: int, sequence: int | None = None) -> str:
    revision = meeting.sequence if sequence is None else sequence
    return f"dialogue-reminder:{meeting.pk}:{registration_pk}:s{revision}"


@transaction.atomic
def dialogue_reminders_tick(*, now: datetime | None = None) -> int:
    """Schedule the reminders of the meetings of the coming days; returns how many were scheduled."""
    now = now or timezone.now()
    meetings = list(
        DialogueMeeting.objects.filter(
            state=DialogueMeeting.State.PUBLISHED, starts_at__gt=now, starts_at__lte=now + HORIZON
        )
        .select_related("committee")
        .prefetch_related(
            Prefetch(
                "registrations",
                queryset=Registration.objects.filter(state=Registration.State.CONFIRMED).select_related(
                    "user"
                ),
                to_attr="seated",
            )
        )
    )
    wanted = {reminder_key(m, r.pk) for m in meetings for r in m.seated}
    # Reminders nobody should get any more: they cancelled, or the meeting moved, was cancelled or began.
    Notification.objects.filter(kind=KIND, state=Notification.State.PENDING).exclude(key__in=wanted).update(
        state=Notification.State.CANCELLED
    )
    earlier = [reminder_key(m, r.pk, n) for m in meetings for r in m.seated for n in range(m.sequence)]
    done = set(Notification.objects.filter(key__in=wanted).values_list("key", flat=True))
    sent_before = {
        key.rpartition(":s")[0]
        for key in Notification.objects.filter(
            kind=KIND, state=Notification.State.SENT, key__in=earlier
        ).values_list("key", flat=True)
    }
    scheduled = 0
    for meeting in meetings:
        due_at = meeting.starts_at - BEFORE
        if due_at < now - GRACE:
            continue
        ics = meeting_ics(meeting)
        for registration in meeting.seated:
            key = reminder_key(meeting, registration.pk)
            if key in done or key.rpartition(":s")[0] in sent_before:
                continue
            context = {
                **meeting_context(meeting),
                "registration_url": site_url("registration", registration.pk),
            }
            if meeting.online_url:
                context["online_url"] = meeting.online_url
            tell(recipient=registration.user, kind=KIND, key=key, context=context, due_at=due_at, ics=ics)
            scheduled += 1
    return scheduled
