"""Facilitators' writes to the meeting plan (move, cancel, publish the agenda), the reminders the outbox
sends before each meeting, and each member's personal calendar address.

Members are told through the outbox; every message carries a calendar file whose UID is stable per
meeting and whose SEQUENCE is the meeting's revision, so calendars update the event in place.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.roles import is_council_staff
from audit.services import log
from committees.calendar import local, meeting_file
from committees.meeting_pages import meeting_page_url
from committees.models import CalendarFeed, Meeting, Membership, new_calendar_token
from committees.rules import seat_of
from notifications.models import Notification
from notifications.services import notification_schedule, notifications_cancel

REMINDER_DAYS = (7, 1)
# A reminder whose time passed while no tick ran (an outage) is still worth sending within the hour.
REMINDER_GRACE = timedelta(hours=1)
# The tick looks a little further than the earliest reminder, so a late-running beat misses none.
REMINDER_HORIZON = timedelta(days=8)


# --- permissions -------------------------------------------------------------------------------


def meeting_can_manage(user, meeting: Meeting) -> bool:
    """The committee's facilitators and council staff manage its meeting plan."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_council_staff(user):
        return True
    seat = seat_of(user, meeting)
    return seat is not None and seat.role == Membership.Role.FACILITATOR


def _check_may_manage(by, meeting: Meeting) -> None:
    if not meeting_can_manage(by, meeting):
        raise PermissionDenied(_("Only the committee's facilitators and council staff manage its meetings."))


def _locked(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("committee__mandate")
        .get(pk=meeting.pk)
    )


def _check_planned(meeting: Meeting) -> None:
    if meeting.state != Meeting.State.PLANNED:
        raise ValidationError(_("Only a planned meeting can be changed."), code="not_planned")


# --- mail context -----------------------------------------------------------


def _mail_context(meeting: Meeting) -> dict:
    """What every meeting mail shows, formatted in the active language (the recipient's)."""
    starts, ends = local(meeting.starts_at), local(meeting.ends_at)
    return {
        "committee": meeting.committee.name,
        "number": meeting.number,
        "date": formats.date_format(starts, "DATE_FORMAT"),
        "starts": formats.time_format(starts, "TIME_FORMAT"),
        "ends": formats.time_format(ends, "TIME_FORMAT"),
        "place": meeting.place,
        "meeting_url": meeting_page_url(meeting),
    }


def _active_memberships(committee_id: int):
    return Membership.objects.active().filter(committee_id=committee_id).select_related("user")


def _language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def _tell_members(
    meeting: Meeting,
    *,
    kind: str,
    key: str,
    memberships: Iterable[Membership] | None = None,
    extra: dict | None = None,
    ics=None,
    due_at: datetime | None = None,
    skip_keys: set[str] = frozenset(),
) -> int:
    """One message per active member, in their language; `key` is formatted with `user` (the pk)."""
    by_language: dict[str, tuple[dict, str]] = {}
    told = 0
    for membership in memberships if memberships is not None else _active_memberships(meeting.committee_id):
        user = membership.user
        message_key = key.format(user=user.pk)
        if message_key in skip_keys:
            continue
        language = _language(user)
        if language not in by_language:
            with translation.override(language):
                by_language[language] = (
                    {**_mail_context(meeting), **(extra or {})},
                    ics(meeting) if ics else "",
                )
        context, calendar_file = by_language[language]
        notification_schedule(
            recipient=user, kind=kind, key=message_key, context=context, due_at=due_at, ics=calendar_file
        )
        told += 1
    return told


def _cancel_reminders(meeting: Meeting) -> int:
    return notifications_cancel(key_prefix=f"meeting-reminder:{meeting.pk}:")


# --- the facilitators' writes ------------------------------------------------------------------


@transaction.atomic
def meeting_reschedule(
    *, meeting: Meeting, starts_at: datetime, ends_at: datetime, place: str | None = None, by
) -> Meeting:
    """Move a planned meeting within the mandate's time frame; members get the new time and a new
    calendar file, and the reminders of the old time are cancelled (the next tick schedules new ones)."""
    _check_may_manage(by, meeting)
    meeting = _locked(meeting)
    _check_planned(meeting)
    place = meeting.place if place is None else place.strip()
    before = {"starts_at": meeting.starts_at, "ends_at": meeting.ends_at, "place": meeting.place}
    if (meeting.starts_at, meeting.ends_at, meeting.place) == (starts_at, ends_at, place):
        return meeting  # a second click of the same form changes nothing and tells nobody again
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("A meeting cannot be moved into the past.")})
    meeting.starts_at, meeting.ends_at, meeting.place = starts_at, ends_at, place
    meeting.sequence += 1
    meeting.full_clean()
    meeting.save(update_fields=["starts_at", "ends_at", "place", "sequence"])
    _cancel_reminders(meeting)
    _tell_members(
        meeting,
        kind="meeting_moved",
        key=f"meeting-moved:{meeting.pk}:{{user}}:s{meeting.sequence}",
        ics=meeting_file,
    )
    after = {"starts_at": starts_at, "ends_at": ends_at, "place": place}
    log(meeting, "meeting.moved", by=by, data={"from": before, "to": after, "sequence": meeting.sequence})
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, by, reason: str = "") -> Meeting:
    """Cancel a planned meeting: its pending reminders go, members are told with a cancelling
    calendar file (same UID, higher SEQUENCE, STATUS:CANCELLED)."""
    _check_may_manage(by, meeting)
    meeting = _locked(meeting)
    _check_planned(meeting)
    meeting.state = Meeting.State.CANCELLED
    meeting.sequence += 1
    meeting.full_clean()
    meeting.save(update_fields=["state", "sequence"])
    _cancel_reminders(meeting)
    _tell_members(
        meeting,
        kind="meeting_cancelled",
        key=f"meeting-cancelled:{meeting.pk}:{{user}}",
        extra={"reason": reason.strip()},
        ics=meeting_file,
    )
    log(meeting, "meeting.cancelled", by=by, data={"reason": reason.strip(), "sequence": meeting.sequence})
    return meeting


def agenda_digest(agenda: str) -> str:
    return hashlib.sha256(agenda.encode()).hexdigest()[:16]


@transaction.atomic
def agenda_publish(*, meeting: Meeting, agenda: str, by) -> Meeting:
    """Publish (or republish) the agenda. Members are told once per text: a double click, or
    publishing the same text again, tells nobody twice."""
    _check_may_manage(by, meeting)
    meeting = _locked(meeting)
    _check_planned(meeting)
    agenda = agenda.strip()
    if not agenda:
        raise ValidationError({"agenda": _("Write the agenda before you publish it.")})
    if meeting.agenda == agenda and meeting.agenda_published_at:
        return meeting
    meeting.agenda = agenda
    meeting.agenda_published_at = timezone.now()
    meeting.full_clean()
    meeting.save(update_fields=["agenda", "agenda_published_at"])
    _tell_members(
        meeting,
        kind="agenda_published",
        key=f"agenda-published:{meeting.pk}:{{user}}:{agenda_digest(agenda)}",
    )
    log(meeting, "meeting.agenda_published", by=by, data={"agenda": agenda})
    return meeting


# --- reminders ---------------------------------------------------------------------------------


def reminder_key(meeting: Meeting, user_id: int, days: int) -> str:
    return f"meeting-reminder:{meeting.pk}:{user_id}:{days}d:s{meeting.sequence}"


@transaction.atomic
def meeting_reminders_tick(*, now: datetime | None = None) -> int:
    """Schedule the reminders 7 days and 1 day before every planned meeting of the coming 8 days, for
    every active member. Idempotent: keys are unique and include the meeting's revision, so a second
    run schedules nothing and a moved meeting gets fresh reminders. Returns how many were scheduled."""
    now = now or timezone.now()
    meetings = list(
        Meeting.objects.filter(
            state=Meeting.State.PLANNED, starts_at__gt=now, starts_at__lte=now + REMINDER_HORIZON
        )
        .select_related("committee__mandate")
        .prefetch_related(
            Prefetch(
                "committee__memberships",
                queryset=Membership.objects.active().select_related("user"),
                to_attr="active_memberships",
            )
        )
    )
    wanted = {
        reminder_key(meeting, membership.user_id, days)
        for meeting in meetings
        for membership in meeting.committee.active_memberships
        for days in REMINDER_DAYS
    }
    # Reminders nobody should get any more: the member left, or the meeting moved, was cancelled or began.
    Notification.objects.filter(kind="meeting_reminder", state=Notification.State.PENDING).exclude(
        key__in=wanted
    ).update(state=Notification.State.CANCELLED)
    # One query answers "already scheduled?" for the whole tick; the unique key backs it under races.
    existing = set(Notification.objects.filter(key__in=wanted).values_list("key", flat=True))
    # A reminder already sent for an earlier time of the same meeting is not sent again after a small move.
    by_pk = {meeting.pk: meeting for meeting in meetings}
    for key in (
        Notification.objects.filter(
            kind="meeting_reminder", state=Notification.State.SENT, key__regex=r"^meeting-reminder:"
        )
        .filter(key__in=_sent_candidates(wanted))
        .values_list("key", flat=True)
    ):
        _prefix, meeting_pk, user_pk, days, _seq = key.split(":")
        meeting = by_pk.get(int(meeting_pk))
        if meeting is not None:
            existing.add(reminder_key(meeting, int(user_pk), int(days.rstrip("d"))))
    scheduled = 0
    for meeting in meetings:
        for days in REMINDER_DAYS:
            due_at = meeting.starts_at - timedelta(days=days)
            if due_at < now - REMINDER_GRACE:
                continue
            scheduled += _tell_members(
                meeting,
                kind="meeting_reminder",
                key=f"meeting-reminder:{meeting.pk}:{{user}}:{days}d:s{meeting.sequence}",
                memberships=meeting.committee.active_memberships,
                extra={"days": days},
                ics=meeting_file,
                due_at=due_at,
                skip_keys=existing,
            )
    return scheduled


def _sent_candidates(wanted: set[str]) -> list[str]:
    """The keys the same reminders had at the meeting's earlier revisions."""
    earlier = []
    for key in wanted:
        stem, _s, revision = key.rpartition(":s")
        earlier += [f"{stem}:s{n}" for n in range(int(revision))]
    return earlier


# --- personal calendar feeds -------------------------------------------------------------------


@transaction.atomic
def calendar_feed_for(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


@transaction.atomic
def calendar_feed_revoke(*, user) -> CalendarFeed:
    """A new secret address; the old one stops working at once."""
    feed = calendar_feed_for(user=user)
    feed.token = new_calendar_token()
    feed.full_clean()
    feed.save(update_fields=["token"])
    return feed
