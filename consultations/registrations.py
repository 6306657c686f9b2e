"""People register for a dialogue meeting, join the waiting list when it is full, and cancel. A seat that
comes free goes to the first on the waiting list as an offer with a deadline; an offer not answered in time
lapses and the seat goes to the next. The beat's tick (`offers_tick`) lapses offers whose time ran out and
offers free seats; running it twice changes nothing the second time.

Seats are counted under a row lock on the meeting, so two people taking the last seat at once give one
seat and one place on the waiting list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

import consultations.rules  # noqa: F401 - registers the permissions checked here
from audit.services import log
from consultations.calendar import meeting_context, meeting_ics
from consultations.mail import site_url, tell
from consultations.models import DialogueMeeting, Registration
from core.models import PrivacyNotice

R = Registration.State


@dataclass(frozen=True)
class RegistrationData:
    name: str
    access_needs: list[str] = field(default_factory=list)
    access_details: str = ""


def locked_meeting(meeting: DialogueMeeting) -> DialogueMeeting:
    return (
        DialogueMeeting.objects.select_for_update(of=("self",))
        .select_related("committee__mandate")
        .get(pk=meeting.pk)
    )


def seats_taken(meeting: DialogueMeeting) -> int:
    return meeting.registrations.filter(state__in=Registration.SEATED_STATES).count()


def _waiting(meeting: DialogueMeeting):
    return (
        meeting.registrations.filter(state=R.WAITING).order_by("waiting_since", "pk").select_related("user")
    )


def _tell(registration: Registration, kind: str, key: str, *, ics: bool = False, **extra) -> None:
    meeting = registration.meeting
    context = {
        **meeting_context(meeting),
        "registration_url": site_url("registration", registration.pk),
        **extra,
    }
    if registration.state == R.CONFIRMED and meeting.online_url:
        context["online_url"] = meeting.online_url  # only people with a seat get the link
    tell(
        recipient=registration.user,
        kind=kind,
        key=key,
        context=context,
        ics=meeting_ics(meeting, with_link=registration.state == R.CONFIRMED) if ics else "",
    )


def _tell_confirmed(registration: Registration) -> None:
    _tell(
        registration,
        "dialogue_registered",
        f"dialogue-registered:{registration.pk}:s{registration.meeting.sequence}",
        ics=True,
    )


@transaction.atomic
def registration_create(
    *, meeting: DialogueMeeting, by, data: RegistrationData, notice: PrivacyNotice | None
) -> Registration:
    meeting = locked_meeting(meeting)
    if not by.has_perm("consultations.view_meeting", meeting) or meeting.state == DialogueMeeting.State.DRAFT:
        raise PermissionDenied
    if meeting.state == DialogueMeeting.State.CANCELLED:
        raise ValidationError(_("The meeting is cancelled."), code="cancelled")
    if meeting.has_started:
        raise ValidationError(_("The meeting has begun; registration is closed."), code="closed")
    if meeting.registrations.filter(user=by, state__in=Registration.ACTIVE_STATES).exists():
        raise ValidationError(_("You are already registered for this meeting."), code="duplicate")
    needs = [code for code in dict.fromkeys(data.access_needs) if code in Registration.AccessNeed.values]
    now = timezone.now()
    full = seats_taken(meeting) >= meeting.capacity or _waiting(meeting).exists()
    registration = Registration(
        meeting=meeting,
        user=by,
        name=" ".join(data.name.split()),
        access_needs=needs,
        access_details=data.access_details.replace("\r\n", "\n").strip(),
        privacy_notice=notice,
        state=R.WAITING if full else R.CONFIRMED,
        waiting_since=now if full else None,
        confirmed_at=None if full else now,
    )
    registration.full_clean()
    registration.save()
    log(registration, "registration.created", by=by, data={"state": registration.state})
    if full:
        position = meeting.registrations.filter(state=R.WAITING, waiting_since__lte=now).count()
        _tell(registration, "dialogue_waiting", f"dialogue-waiting:{registration.pk}", position=position)
    else:
        _tell_confirmed(registration)
    return registration


def _locked_own(registration: Registration, by) -> tuple[DialogueMeeting, Registration]:
    meeting = locked_meeting(registration.meeting)
    registration = Registration.objects.select_for_update().select_related("user").get(pk=registration.pk)
    registration.meeting = meeting
    if not by.has_perm("consultations.own_registration", registration):
        raise PermissionDenied
    return meeting, registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """The person gives up their seat or their place on the waiting list; a freed seat is offered on."""
    meeting, registration = _locked_own(registration, by)
    if registration.state not in Registration.ACTIVE_STATES:
        return registration
    if meeting.has_started:
        raise ValidationError(_("The meeting has begun."), code="closed")
    was = registration.state
    registration.state, registration.ended_at = R.CANCELLED, timezone.now()
    registration.save(update_fields=["state", "ended_at"])
    log(registration, "registration.cancelled", by=by, data={"was": was})
    if was in Registration.SEATED_STATES:
        offer_free_seats(meeting)
    return registration


@transaction.atomic
def offer_accept(*, registration: Registration, by) -> Registration:
    _meeting, registration = _locked_own(registration, by)
    if registration.state == R.CONFIRMED:
        return registration  # a double click
    if registration.state != R.OFFERED or registration.answer_by <= timezone.now():
        raise ValidationError(_("The offer of a seat is no longer open."), code="lapsed")
    registration.state, registration.confirmed_at = R.CONFIRMED, timezone.now()
    registration.save(update_fields=["state", "confirmed_at"])
    log(registration, "registration.offer_accepted", by=by)
    _tell_confirmed(registration)
    return registration


@transaction.atomic
def offer_decline(*, registration: Registration, by) -> Registration:
    meeting, registration = _locked_own(registration, by)
    if registration.state != R.OFFERED:
        return registration
    registration.state, registration.ended_at = R.CANCELLED, timezone.now()
    registration.save(update_fields=["state", "ended_at"])
    log(registration, "registration.offer_declined", by=by)
    offer_free_seats(meeting)
    return registration


def offer_free_seats(meeting: DialogueMeeting, *, now: datetime | None = None) -> int:
    """Offer each free seat to the next on the waiting list; call with the meeting locked. The answer is
    due after DIALOGUE_OFFER_HOURS, but never after the meeting begins."""
    now = now or timezone.now()
    if meeting.state != DialogueMeeting.State.PUBLISHED or meeting.starts_at <= now:
        return 0
    answer_by = min(now + timedelta(hours=settings.DIALOGUE_OFFER_HOURS), meeting.starts_at)
    free = meeting.capacity - seats_taken(meeting)
    offered = 0
    for registration in _waiting(meeting)[: max(free, 0)]:
        registration.state, registration.offered_at, registration.answer_by = R.OFFERED, now, answer_by
        registration.save(update_fields=["state", "offered_at", "answer_by"])
        registration.meeting = meeting
        log(registration, "registration.offered", by=None, data={"answer_by": answer_by})
        _tell(
            registration,
            "dialogue_seat_offered",
            f"dialogue-offer:{registration.pk}:{int(now.timestamp())}",
            answer_by=answer_by,
        )
        offered += 1
    return offered


@transaction.atomic
def offers_tick(*, now: datetime | None = None) -> dict[str, int]:
    """Lapse the offers whose time ran out, and offer the free seats of meetings yet to begin."""
    now = now or timezone.now()
    due = (
        DialogueMeeting.objects.filter(state=DialogueMeeting.State.PUBLISHED, starts_at__gt=now)
        .filter(
            Q(registrations__state=R.OFFERED, registrations__answer_by__lte=now)
            | Q(registrations__state=R.WAITING)
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    lapsed = offered = 0
    for pk in list(due):
        meeting = locked_meeting(DialogueMeeting(pk=pk))
        for registration in meeting.registrations.filter(state=R.OFFERED, answer_by__lte=now).select_related(
            "user"
        ):
            registration.state, registration.ended_at = R.LAPSED, now
            registration.save(update_fields=["state", "ended_at"])
            registration.meeting = meeting
            log(registration, "registration.offer_lapsed", by=None)
            _tell(registration, "dialogue_offer_lapsed", f"dialogue-offer-lapsed:{registration.pk}")
            lapsed += 1
        offered += offer_free_seats(meeting, now=now)
    # Offers that ran out when the meeting began: nothing more to give, only to close.
    for registration in Registration.objects.filter(state=R.OFFERED, answer_by__lte=now).select_related(
        "meeting__committee", "user"
    ):
        registration.state, registration.ended_at = R.LAPSED, now
        registration.save(update_fields=["state", "ended_at"])
        log(registration, "registration.offer_lapsed", by=None)
        lapsed += 1
    return {"lapsed": lapsed, "offered": offered}
