"""Invitations to the seated, answers by signed single-use links, and the reserve list behind them."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from committees.models import Membership
from committees.services import mandate_move
from mandates.models import Mandate
from notifications.services import notification_schedule
from recruitment.models import Application, ApplicationEvent, Call, Invitation, Placement

TOKEN_SALT = "recruitment.invitation"


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=TOKEN_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation behind a link, or None for a forged, mangled or outdated link."""
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=timedelta(days=90))
    except signing.BadSignature:
        return None
    return (
        Invitation.objects.filter(pk=data.get("i"))
        .select_related("application__call__mandate", "profile")
        .first()
    )


def _officials(call: Call):
    return Membership.objects.filter(
        committee__mandate_id=call.mandate_id, left_on__isnull=True, role=Membership.Role.POLITICIAN
    ).select_related("user")


def invitation_send(*, application: Application, profile_id: int, by=None) -> Invitation:
    now = timezone.now()
    invitation = Invitation.objects.create(
        application=application,
        profile_id=profile_id,
        sent_at=now,
        answer_by=now + timedelta(days=settings.INVITATION_ANSWER_DAYS),
    )
    application.state = Application.State.INVITED
    application.save(update_fields=["state", "updated_at"])
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.INVITED, by=by)
    _mail(invitation, "invitation")
    return invitation


def _mail(invitation: Invitation, kind: str) -> None:
    application = invitation.application
    if application.applicant_id is None:
        return
    answer_url = settings.SITE_URL + reverse("recruitment:invitation", args=[invitation_token(invitation)])
    notification_schedule(
        recipient=application.applicant,
        kind=kind,
        key=f"{kind}:{invitation.pk}",
        context={
            "title": application.call.mandate.title,
            "profile": invitation.profile.title,
            "answer_url": answer_url,
            "answer_by": invitation.answer_by,
        },
    )


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
    members = Membership.objects.filter(
        committee=committee, user_id=application.applicant_id, left_on__isnull=True
    )
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
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.ACCEPTED)
    membership = Membership.objects.create(
        committee=committee,
        user_id=application.applicant_id,
        role=Membership.Role.CITIZEN,
        profile=invitation.profile,
    )
    _complete_if_full(call)
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
    ApplicationEvent.objects.create(application=application, kind=event)
    successor = _invite_next_reserve(application.call, invitation.profile_id)
    for membership in _officials(application.call):
        notification_schedule(
            recipient=membership.user,
            kind="invitation_answered",
            key=f"invitation-answered:{invitation.pk}:{membership.user_id}",
            context={
                "title": application.call.mandate.title,
                "profile": invitation.profile.title,
                "outcome": state,
                "reserve_invited": successor is not None,
            },
        )


def _invite_next_reserve(call: Call, profile_id: int) -> Invitation | None:
    placement = (
        Placement.objects.filter(
            selection__call=call,
            profile_id=profile_id,
            kind=Placement.Kind.RESERVE,
            application__state=Application.State.RESERVE,
        )
        .select_related("application")
        .order_by("position")
        .first()
    )
    if placement is None:
        return None
    return invitation_send(application=placement.application, profile_id=profile_id)


def _complete_if_full(call: Call) -> None:
    """Every seat taken: the committee starts, and the reserves are thanked."""
    mandate = call.mandate
    for profile in mandate.profiles.all():
        taken = Membership.objects.filter(
            committee__mandate=mandate, profile=profile, role=Membership.Role.CITIZEN, left_on__isnull=True
        ).count()
        if taken < profile.seats:
            return
    if mandate.state == Mandate.State.MATCHING:
        mandate_move(mandate=mandate, to=Mandate.State.ACTIVE, by=None, note=_("Every seat is filled."))
    for application in call.applications.filter(state=Application.State.RESERVE):
        application.state = Application.State.NOT_SELECTED
        application.save(update_fields=["state", "updated_at"])
        ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.NOT_SELECTED)
        if application.applicant_id:
            notification_schedule(
                recipient=application.applicant,
                kind="application_thanks",
                key=f"application-thanks:{application.pk}",
                context={"title": mandate.title, "reference": application.reference},
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
                _mail(invitation, "invitation_reminder")
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
