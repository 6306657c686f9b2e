"""Offering a seat: the invitation, its signed single-use answer link, and the mails that carry it."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from notifications.services import notification_schedule
from recruitment.models import Application, ApplicationEvent, Invitation
from recruitment.review.pool_version import review_pool_changed

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
    review_pool_changed(application.call_id)
    ApplicationEvent.objects.create(application=application, kind=ApplicationEvent.Kind.INVITED, by=by)
    invitation_mail(invitation, "invitation")
    return invitation


def invitation_mail(invitation: Invitation, kind: str) -> None:
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
