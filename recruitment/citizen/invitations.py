"""The invited answer by their signed link: accept, decline, or let the deadline pass; reminders and expiry.

A seat freed by a decline or an expiry goes to the next reserve who keeps the balance rules
(`recruitment.review.seats`), and the politicians hear of it either way.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import log
from committees.models import Membership
from notifications.services import notification_schedule
from recruitment.models import Application, ApplicationEvent, Invitation
from recruitment.offers import invitation_mail
from recruitment.review.pool_version import review_pool_changed
from recruitment.review.seat_decisions import committee_start_if_complete
from recruitment.review.seats import matching_url, politicians_of, rule_context, seat_offer


def _locked(invitation: Invitation) -> Invitation:
    return (
        Invitation.objects.select_for_update(of=("self",))
        .select_related("application__call__mandate", "profile")
        .get(pk=invitation.pk)
    )


def invitation_accept(*, invitation: Invitation) -> Membership:
    """Accepting makes the citizen a member for that profile; a second click changes nothing.

    A late answer expires the invitation and offers the seat to the next reserve; that is committed
    before the citizen is told, so the refusal does not undo it.
    """
    outcome = _accept(invitation)
    if outcome is None:
        raise ValidationError(_("The answer deadline has passed, so the seat went to the next on the list."))
    return outcome


@transaction.atomic
def _accept(invitation: Invitation) -> Membership | None:
    invitation = _locked(invitation)
    application = invitation.application
    call = application.call
    committee = call.mandate.committee
    members = Membership.objects.active().filter(committee=committee, user_id=application.applicant_id)
    if invitation.state == Invitation.State.ACCEPTED:
        membership = members.first()
        if membership is None:
            raise ValidationError(
                _("You accepted this invitation earlier, and have since left the committee.")
            )
        return membership
    if invitation.state != Invitation.State.PENDING:
        raise ValidationError(_("This invitation is no longer open."), code="closed")
    if invitation.answer_by < timezone.now():
        _expire(invitation)
        return None
    if members.exists():
        raise ValidationError(_("You are already a member of this committee."), code="member")
    invitation.state = Invitation.State.ACCEPTED
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    application.state = Application.State.ACCEPTED
    application.save(update_fields=["state", "updated_at"])
    review_pool_changed(application.call_id)
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.ACCEPTED)
    log(invitation, "invitation.accepted", by=application.applicant)
    membership = Membership.objects.create(
        committee=committee,
        user_id=application.applicant_id,
        role=Membership.Role.CITIZEN,
        profile=invitation.profile,
    )
    committee_start_if_complete(call)
    return membership


@transaction.atomic
def invitation_decline(*, invitation: Invitation) -> Invitation:
    invitation = _locked(invitation)
    if invitation.state == Invitation.State.DECLINED:
        return invitation
    if invitation.state != Invitation.State.PENDING:
        raise ValidationError(_("This invitation is no longer open."), code="closed")
    _close(invitation, Invitation.State.DECLINED, ApplicationEvent.Kind.DECLINED, Application.State.DECLINED)
    return invitation


def _expire(invitation: Invitation) -> None:
    _close(invitation, Invitation.State.EXPIRED, ApplicationEvent.Kind.EXPIRED, Application.State.EXPIRED)


def _close(invitation: Invitation, state: str, event: str, application_state: str) -> None:
    invitation.state = state
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["state", "answered_at"])
    application = invitation.application
    application.state = application_state
    application.save(update_fields=["state", "updated_at"])
    review_pool_changed(application.call_id)
    ApplicationEvent.objects.create(application=application, kind=event)
    answered_by = application.applicant if state == Invitation.State.DECLINED else None
    log(invitation, f"invitation.{state}", by=answered_by)
    call = application.call
    offer = seat_offer(call=call, profile_id=invitation.profile_id)
    for membership in politicians_of(call):
        notification_schedule(
            recipient=membership.user,
            kind="invitation_answered",
            key=f"invitation-answered:{invitation.pk}:{membership.user_id}",
            context={
                "title": call.mandate.title,
                "profile": invitation.profile.title,
                "outcome": state,
                "reserve_invited": bool(offer.invited),
                "passed_over": len(offer.passed_over),
                "waiting": offer.waiting,
                "url": matching_url(call),
                **rule_context(call.mandate, offer.rules),
            },
        )


def invitations_tick(*, now=None) -> dict[str, int]:
    """Hourly: remind after INVITATION_REMINDER_DAYS, expire after the deadline. Idempotent."""
    now = now or timezone.now()
    reminded = expired = 0
    remind_before = now - timedelta(days=settings.INVITATION_REMINDER_DAYS)
    for pk in list(
        Invitation.objects.filter(
            state=Invitation.State.PENDING,
            reminded_at__isnull=True,
            sent_at__lte=remind_before,
            answer_by__gt=now,
        ).values_list("pk", flat=True)
    ):
        with transaction.atomic():
            invitation = _locked(Invitation(pk=pk))
            if invitation.state == Invitation.State.PENDING and invitation.reminded_at is None:
                invitation.reminded_at = now
                invitation.save(update_fields=["reminded_at"])
                invitation_mail(invitation, "invitation_reminder")
                reminded += 1
    for pk in list(
        Invitation.objects.filter(state=Invitation.State.PENDING, answer_by__lte=now).values_list(
            "pk", flat=True
        )
    ):
        with transaction.atomic():
            invitation = _locked(Invitation(pk=pk))
            if invitation.state == Invitation.State.PENDING:
                _expire(invitation)
                expired += 1
    return {"reminded": reminded, "expired": expired}
