"""The public's side of a consultation: write a contribution (or keep it as a draft), change it, withdraw it,
until the consultation closes.

Where a sent contribution goes depends on the consultation's moderation: published at once, or waiting
for review. A changed contribution under review moderation waits for review again, and a hidden one that
its author changed is always reviewed again before it reappears.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

import consultations.rules  # noqa: F401 - registers the permissions checked here
from audit.services import log
from committees.models import Membership
from consultations.mail import site_url, tell
from consultations.models import Consultation, ConsultationItem, Contribution
from core.models import PrivacyNotice

S = Contribution.State


@dataclass(frozen=True)
class ContributionData:
    body: str
    kind: str = Contribution.Kind.PRIVATE
    organisation: str = ""
    publication: str = Contribution.Publication.NAMED
    attachment: UploadedFile | None = None  # a new file to attach
    remove_attachment: bool = False


def moment(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def closed_error(consultation: Consultation) -> ValidationError:
    return ValidationError(
        _("The consultation closed at %(time)s, so it takes no more contributions or changes.")
        % {"time": moment(consultation.ends_at)},
        code="closed",
    )


def _check_open(consultation: Consultation, *, send: bool) -> None:
    """Sending needs the consultation open; a draft may be kept from its publication until it closes."""
    now = timezone.now()
    if consultation.published_at is None or not consultation.committee.mandate.is_public:
        raise PermissionDenied
    if now >= consultation.ends_at:
        raise closed_error(consultation)
    if send and now < consultation.starts_at:
        raise ValidationError(
            _("The consultation opens at %(time)s. Keep your text as a draft until then.")
            % {"time": moment(consultation.starts_at)},
            code="not_open",
        )


def _apply(contribution: Contribution, data: ContributionData, notice: PrivacyNotice | None) -> None:
    contribution.body = data.body.replace("\r\n", "\n").strip()
    contribution.kind = data.kind
    contribution.organisation = " ".join(data.organisation.split()) if data.kind == "organisation" else ""
    contribution.publication = data.publication
    contribution.privacy_notice = notice or contribution.privacy_notice
    if data.remove_attachment and contribution.attachment:
        delete_file_on_commit(contribution.attachment.name, contribution.attachment.storage)
        contribution.attachment = ""
    if data.attachment is not None:
        if contribution.attachment:
            delete_file_on_commit(contribution.attachment.name, contribution.attachment.storage)
        contribution.attachment = data.attachment


def delete_file_on_commit(name: str, storage) -> None:
    """The file goes once the change is committed; one already gone is no error."""

    def delete() -> None:
        with contextlib.suppress(FileNotFoundError):
            storage.delete(name)

    transaction.on_commit(delete)


def _send(contribution: Contribution, *, by) -> str:
    """Move a sent contribution to where the moderation puts it; returns the audit action."""
    now = timezone.now()
    consultation = contribution.consultation
    was = contribution.state
    contribution.submitted_at = contribution.submitted_at or now
    if was == S.HIDDEN or consultation.reviews_first:
        contribution.state = S.PENDING
    else:
        contribution.state = S.PUBLISHED
        contribution.published_at = contribution.published_at or now
    contribution.hidden_at, contribution.hide_reason = None, ""
    if was == S.DRAFT:
        return "contribution.submitted"
    return "contribution.resubmitted" if was == S.HIDDEN else "contribution.changed"


def _tell_author(contribution: Contribution, *, first_time: bool) -> None:
    consultation = contribution.consultation
    tell(
        recipient=contribution.author,
        kind="consultation_contribution_received",
        key=f"contribution-received:{contribution.pk}:{int(contribution.updated_at.timestamp())}",
        context={
            "consultation": consultation.title,
            "committee": consultation.committee.name,
            "item": contribution.item.title,
            "published": contribution.state == S.PUBLISHED,
            "first_time": first_time,
            "ends_at": consultation.ends_at,
            "consultation_url": site_url("detail", consultation.pk),
            "edit_url": site_url("contribution_edit", contribution.pk),
        },
    )


def _tell_moderators(consultation: Consultation) -> None:
    """At most one message a day to each facilitator that contributions wait for review."""
    today = timezone.localdate()
    facilitators = (
        Membership.objects.active()
        .filter(committee=consultation.committee, role=Membership.Role.FACILITATOR)
        .select_related("user")
    )
    for membership in facilitators:
        tell(
            recipient=membership.user,
            kind="consultation_review_waiting",
            key=f"consultation-review:{consultation.pk}:{membership.user_id}:{today.isoformat()}",
            context={
                "consultation": consultation.title,
                "committee": consultation.committee.name,
                "review_url": site_url("review", consultation.pk) + "?state=pending",
            },
        )


def _finish(contribution: Contribution, *, by, action: str, notify: bool) -> Contribution:
    contribution.full_clean()
    contribution.save()
    log(contribution, action, by=by, data={"state": contribution.state, "item": contribution.item_id})
    if notify:
        _tell_author(contribution, first_time=action == "contribution.submitted")
        if contribution.state == S.PENDING:
            _tell_moderators(contribution.consultation)
    return contribution


@transaction.atomic
def contribution_create(
    *, item: ConsultationItem, by, data: ContributionData, send: bool, notice: PrivacyNotice | None
) -> Contribution:
    consultation = (
        Consultation.objects.select_for_update()
        .select_related("committee__mandate")
        .get(pk=item.consultation_id)
    )
    _check_open(consultation, send=send)
    if Contribution.objects.filter(item=item, author=by).exclude(state=S.WITHDRAWN).exists():
        raise ValidationError(
            _("You have already written to this question or section. Change what you wrote instead."),
            code="duplicate",
        )
    contribution = Contribution(consultation=consultation, item=item, author=by, state=S.DRAFT)
    _apply(contribution, data, notice)
    action = _send(contribution, by=by) if send else "contribution.draft_saved"
    return _finish(contribution, by=by, action=action, notify=send)


def _locked_own(contribution: Contribution, by) -> Contribution:
    contribution = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("consultation__committee__mandate", "item", "author")
        .get(pk=contribution.pk)
    )
    if not by.has_perm("consultations.own_contribution", contribution):
        raise PermissionDenied
    return contribution


@transaction.atomic
def contribution_update(
    *, contribution: Contribution, by, data: ContributionData, send: bool, notice: PrivacyNotice | None
) -> Contribution:
    """The author changes their text. A draft may stay a draft; anything sent is sent again."""
    contribution = _locked_own(contribution, by)
    if contribution.state not in Contribution.EDITABLE_STATES:
        raise ValidationError(_("A withdrawn contribution cannot be changed."), code="withdrawn")
    send = send or contribution.state != S.DRAFT
    _check_open(contribution.consultation, send=send)
    was = contribution.state
    _apply(contribution, data, notice)
    action = _send(contribution, by=by) if send else "contribution.draft_saved"
    notify = send and (was in (S.DRAFT, S.HIDDEN) or contribution.state != was)
    return _finish(contribution, by=by, action=action, notify=notify)


@transaction.atomic
def contribution_withdraw(*, contribution: Contribution, by) -> Contribution:
    """The author takes it back before the consultation closes; from then on only they see it."""
    contribution = _locked_own(contribution, by)
    if contribution.state == S.WITHDRAWN:
        return contribution
    if timezone.now() >= contribution.consultation.ends_at:
        raise closed_error(contribution.consultation)
    was = contribution.state
    contribution.state, contribution.withdrawn_at = S.WITHDRAWN, timezone.now()
    contribution.save(update_fields=["state", "withdrawn_at", "updated_at"])
    log(contribution, "contribution.withdrawn", by=by, data={"was": was})
    return contribution
