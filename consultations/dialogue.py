"""The facilitators' side of dialogue meetings: create, change, publish and cancel a meeting, record who
came, and publish a summary for the public. People with a seat or on the waiting list are told of every
change that concerns them, with a calendar file that updates the event in place."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import consultations.rules  # noqa: F401 - registers the permissions checked here
from audit.services import log
from committees.models import TaskCommittee
from consultations.calendar import meeting_context, meeting_ics
from consultations.mail import site_url, tell
from consultations.models import DialogueMeeting, Registration
from consultations.registrations import locked_meeting, offer_free_seats, seats_taken
from notifications.services import notifications_cancel

M = DialogueMeeting.State
R = Registration.State


@dataclass(frozen=True)
class MeetingData:
    kind: str
    title: str
    starts_at: datetime
    ends_at: datetime
    place: str
    online_url: str
    capacity: int
    programme: str
    accessibility: str = ""

    # What people who registered must hear about when it changes.
    ANNOUNCED = ("starts_at", "ends_at", "place", "online_url")


def _check(by, permission: str, obj) -> None:
    if not by.has_perm(permission, obj):
        raise PermissionDenied


def _apply(meeting: DialogueMeeting, data: MeetingData) -> None:
    for name, value in asdict(data).items():
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)


@transaction.atomic
def meeting_create(
    *, committee: TaskCommittee, by, data: MeetingData, publish: bool = False
) -> DialogueMeeting:
    _check(by, "consultations.manage_meeting", committee)
    if not committee.mandate.is_public:
        raise ValidationError(_("The committee's mandate has not been adopted yet."))
    if data.starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Choose a time in the future.")})
    meeting = DialogueMeeting(committee=committee, created_by=by)
    _apply(meeting, data)
    meeting.state = M.PUBLISHED if publish else M.DRAFT
    meeting.full_clean()
    meeting.save()
    log(
        meeting,
        "dialogue_meeting.created",
        by=by,
        data={"state": meeting.state, "capacity": meeting.capacity},
    )
    return meeting


def _people(meeting: DialogueMeeting, states: Iterable[str]):
    return meeting.registrations.filter(state__in=list(states)).select_related("user")


def _tell_all(meeting: DialogueMeeting, kind: str, states: Iterable[str], **extra) -> int:
    told = 0
    for registration in _people(meeting, states):
        seated = registration.state == R.CONFIRMED
        context = {**meeting_context(meeting), "registration_url": site_url("registration", registration.pk)}
        if seated and meeting.online_url and meeting.state == M.PUBLISHED:
            context["online_url"] = meeting.online_url
        tell(
            recipient=registration.user,
            kind=kind,
            key=f"{kind}:{meeting.pk}:{registration.pk}:s{meeting.sequence}",
            context={**context, **extra},
            ics=meeting_ics(meeting, with_link=seated)
            if registration.state in Registration.SEATED_STATES
            else "",
        )
        told += 1
    return told


@transaction.atomic
def meeting_update(*, meeting: DialogueMeeting, by, data: MeetingData) -> DialogueMeeting:
    """Change the meeting before it begins. Fewer seats than people hold cannot be chosen; more seats go
    to the waiting list at once; a new time or place is sent to everyone registered."""
    _check(by, "consultations.manage_meeting", meeting)
    meeting = locked_meeting(meeting)
    if meeting.state == M.CANCELLED:
        raise ValidationError(_("The meeting is cancelled."), code="cancelled")
    if meeting.has_started:
        raise ValidationError(_("The meeting has begun; write its summary instead."), code="started")
    taken = seats_taken(meeting)
    if data.capacity < taken:
        raise ValidationError(
            {
                "capacity": _("%(count)s people have or are offered a seat; keep at least that many.")
                % {"count": taken}
            }
        )
    if data.starts_at != meeting.starts_at and data.starts_at <= timezone.now():
        raise ValidationError({"starts_at": _("Choose a time in the future.")})
    before = {name: getattr(meeting, name) for name in MeetingData.ANNOUNCED}
    _apply(meeting, data)
    moved = any(getattr(meeting, name) != value for name, value in before.items())
    if moved and meeting.state == M.PUBLISHED:
        meeting.sequence += 1
    meeting.full_clean()
    meeting.save()
    log(meeting, "dialogue_meeting.updated", by=by, data={"moved": moved, "capacity": meeting.capacity})
    if moved and meeting.state == M.PUBLISHED:
        notifications_cancel(key_prefix=f"dialogue-reminder:{meeting.pk}:")  # the tick schedules new ones
        _tell_all(meeting, "dialogue_meeting_changed", Registration.ACTIVE_STATES)
    offer_free_seats(meeting)
    return meeting


@transaction.atomic
def meeting_publish(*, meeting: DialogueMeeting, by) -> DialogueMeeting:
    _check(by, "consultations.manage_meeting", meeting)
    meeting = locked_meeting(meeting)
    if meeting.state == M.PUBLISHED:
        return meeting
    if meeting.state == M.CANCELLED:
        raise ValidationError(_("The meeting is cancelled."), code="cancelled")
    if meeting.has_started:
        raise ValidationError({"starts_at": _("Choose a time in the future.")})
    meeting.state = M.PUBLISHED
    meeting.save(update_fields=["state"])
    log(meeting, "dialogue_meeting.published", by=by)
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: DialogueMeeting, by, reason: str = "") -> DialogueMeeting:
    """Everyone with a seat, an offer or a place on the waiting list is told, with a calendar file that
    takes the event out of their calendar."""
    _check(by, "consultations.manage_meeting", meeting)
    meeting = locked_meeting(meeting)
    if meeting.state == M.CANCELLED:
        return meeting
    if meeting.has_started:
        raise ValidationError(_("The meeting has begun."), code="started")
    was = meeting.state
    meeting.state = M.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["state", "sequence"])
    log(meeting, "dialogue_meeting.cancelled", by=by, data={"was": was, "reason": reason.strip()})
    notifications_cancel(key_prefix=f"dialogue-reminder:{meeting.pk}:")
    if was == M.PUBLISHED:
        _tell_all(meeting, "dialogue_meeting_cancelled", Registration.ACTIVE_STATES, reason=reason.strip())
    return meeting


@transaction.atomic
def attendance_record(*, meeting: DialogueMeeting, by, present: Iterable[int]) -> int:
    """Who came, among the people with a seat; from the meeting's start on. Returns how many came."""
    _check(by, "consultations.see_participants", meeting)
    meeting = locked_meeting(meeting)
    if not meeting.has_started or meeting.state != M.PUBLISHED:
        raise ValidationError(_("Attendance can be recorded once the meeting has begun."), code="not_started")
    present_ids = set(present)
    seated = list(meeting.registrations.filter(state=R.CONFIRMED))
    for registration in seated:
        came = registration.pk in present_ids
        if registration.attended is not came:
            registration.attended = came
            registration.save(update_fields=["attended"])
    count = sum(1 for r in seated if r.attended)
    log(meeting, "dialogue_meeting.attendance_recorded", by=by, data={"present": count, "seats": len(seated)})
    return count


@transaction.atomic
def summary_save(*, meeting: DialogueMeeting, by, summary: str, publish: bool) -> DialogueMeeting:
    """The public summary of what the meeting gave; public once published (after the meeting began)."""
    _check(by, "consultations.manage_meeting", meeting)
    meeting = locked_meeting(meeting)
    if meeting.state != M.PUBLISHED or not meeting.has_started:
        raise ValidationError(_("Write the summary once the meeting has begun."), code="not_started")
    summary = summary.replace("\r\n", "\n").strip()
    if publish and not summary:
        raise ValidationError({"summary": _("Write the summary before you publish it.")})
    meeting.summary = summary
    first = publish and meeting.summary_published_at is None
    if first:
        meeting.summary_published_at = timezone.now()
    meeting.full_clean()
    meeting.save(update_fields=["summary", "summary_published_at"])
    log(
        meeting,
        "dialogue_meeting.summary_published" if first else "dialogue_meeting.summary_saved",
        by=by,
        data={"published": meeting.summary_published_at is not None},
    )
    return meeting
