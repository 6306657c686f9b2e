"""Facilitators and council staff moderate: publish what waits for review, hide a contribution with a reason
from a short list (the author is told why and may change it and send it again), and tag contributions to
sort what the committee heard. Every decision is in the audit trail."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import consultations.rules  # noqa: F401 - registers the permissions checked here
from audit.services import log
from consultations.mail import site_url, tell
from consultations.models import Contribution, Tag

S = Contribution.State
TAG_MAX = Tag._meta.get_field("name").max_length
TAGS_PER_CONTRIBUTION = 10


def _locked(contribution: Contribution, by, permission: str) -> Contribution:
    contribution = (
        Contribution.objects.select_for_update(of=("self",))
        .select_related("consultation__committee__mandate", "item", "author")
        .get(pk=contribution.pk)
    )
    if not by.has_perm(permission, contribution.consultation):
        raise PermissionDenied
    if contribution.state not in Contribution.SUBMITTED_STATES:
        # A draft or a withdrawn text is its author's alone; to a moderator it does not exist.
        raise PermissionDenied
    return contribution


def _context(contribution: Contribution) -> dict:
    consultation = contribution.consultation
    return {
        "consultation": consultation.title,
        "committee": consultation.committee.name,
        "item": contribution.item.title,
        "consultation_url": site_url("detail", consultation.pk),
        "edit_url": site_url("contribution_edit", contribution.pk),
        "ends_at": consultation.ends_at,
        "still_open": timezone.now() < consultation.ends_at,
    }


@transaction.atomic
def contribution_approve(*, contribution: Contribution, by) -> Contribution:
    """Publish a contribution that waits for review, or one hidden by mistake."""
    contribution = _locked(contribution, by, "consultations.moderate")
    if contribution.state == S.PUBLISHED:
        return contribution
    was = contribution.state
    contribution.state = S.PUBLISHED
    contribution.published_at = contribution.published_at or timezone.now()
    contribution.hidden_at, contribution.hide_reason = None, ""
    contribution.full_clean()
    contribution.save(update_fields=["state", "published_at", "hidden_at", "hide_reason", "updated_at"])
    log(contribution, "contribution.approved", by=by, data={"was": was})
    tell(
        recipient=contribution.author,
        kind="consultation_contribution_published",
        key=f"contribution-published:{contribution.pk}:{int(contribution.updated_at.timestamp())}",
        context=_context(contribution),
    )
    return contribution


@transaction.atomic
def contribution_hide(*, contribution: Contribution, by, reason: str) -> Contribution:
    if reason not in Contribution.HideReason.values:
        raise ValidationError({"reason": _("Choose why the contribution is hidden.")})
    contribution = _locked(contribution, by, "consultations.moderate")
    if contribution.state == S.HIDDEN and contribution.hide_reason == reason:
        return contribution
    was = contribution.state
    contribution.state, contribution.hide_reason, contribution.hidden_at = S.HIDDEN, reason, timezone.now()
    contribution.full_clean()
    contribution.save(update_fields=["state", "hide_reason", "hidden_at", "updated_at"])
    log(contribution, "contribution.hidden", by=by, data={"was": was, "reason": reason})
    tell(
        recipient=contribution.author,
        kind="consultation_contribution_hidden",
        key=f"contribution-hidden:{contribution.pk}:{int(contribution.hidden_at.timestamp())}",
        context={**_context(contribution), "reason": reason},
    )
    return contribution


def clean_tag_names(text: str | Iterable[str]) -> list[str]:
    """Tags as typed, separated by commas: trimmed, short, each once (case aside), at most ten."""
    parts = text.split(",") if isinstance(text, str) else list(text)
    names: dict[str, str] = {}
    for part in parts:
        name = " ".join(str(part).split())
        name = "".join(ch for ch in name if ch.isprintable())[:TAG_MAX]
        if name and name.casefold() not in names:
            names[name.casefold()] = name
    if len(names) > TAGS_PER_CONTRIBUTION:
        raise ValidationError(
            _("At most %(count)s tags on one contribution.") % {"count": TAGS_PER_CONTRIBUTION},
            code="too_many",
        )
    return list(names.values())


@transaction.atomic
def contribution_tag(*, contribution: Contribution, by, names: Iterable[str]) -> list[Tag]:
    """Set the contribution's tags; a tag new to the consultation is made, one used elsewhere is reused."""
    contribution = _locked(contribution, by, "consultations.tag")
    wanted = clean_tag_names(names)
    existing = {
        tag.name.casefold(): tag for tag in Tag.objects.filter(consultation=contribution.consultation)
    }
    tags = []
    for name in wanted:
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag(consultation=contribution.consultation, name=name)
            tag.full_clean()
            tag.save()
        tags.append(tag)
    before = sorted(contribution.tags.values_list("name", flat=True))
    contribution.tags.set(tags)
    after = sorted(tag.name for tag in tags)
    if before != after:
        log(contribution, "contribution.tagged", by=by, data={"tags": after})
    return tags
