"""Facilitators (or the chair) prepare, change and publish a consultation; council staff set how it is
moderated and how long personal data in hidden contributions is kept.

Publishing is the one way a draft section becomes public before a political body has dealt with the text:
the section's text is copied from the latest version at that moment, and the audit trail records who
published which sections of which version, and when.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import consultations.rules  # noqa: F401 - registers the permissions checked here
from accounts.roles import is_council_staff
from audit.services import log
from committees.models import TaskCommittee
from consultations.models import Consultation, ConsultationItem
from deliberation.deliverables.selectors import Draft, current_draft


@dataclass(frozen=True)
class Question:
    title: str
    body: str = ""


def _check(by, permission: str, obj) -> None:
    if not by.has_perm(permission, obj):
        raise PermissionDenied


def _locked(consultation: Consultation) -> Consultation:
    return (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("committee__mandate")
        .get(pk=consultation.pk)
    )


def _check_sections(committee: TaskCommittee, keys: Sequence[str]) -> Draft | None:
    draft = current_draft(committee)
    if not keys:
        return draft
    if draft is None:
        raise ValidationError({"sections": _("The committee has no draft yet to consult on.")})
    if not draft.drafting:
        raise ValidationError(
            {
                "sections": _(
                    "The draft has gone to the political bodies; its sections can no longer be consulted on."
                )
            }
        )
    missing = [key for key in keys if draft.section(key) is None]
    if missing:
        raise ValidationError({"sections": _("A chosen section is no longer in the draft. Choose again.")})
    return draft


def _set_items(consultation: Consultation, questions: Sequence[Question], keys: Sequence[str]) -> None:
    draft = _check_sections(consultation.committee, keys)
    consultation.items.all().delete()  # only while it is a draft: no contribution refers to them yet
    order = 0
    for question in questions:
        order += 1
        item = ConsultationItem(
            consultation=consultation,
            kind=ConsultationItem.Kind.QUESTION,
            order=order,
            title=question.title.strip(),
            body=question.body.strip(),
        )
        item.full_clean()
        item.save()
    for key in dict.fromkeys(keys):  # each once, in the order chosen
        order += 1
        section = draft.section(key)
        item = ConsultationItem(
            consultation=consultation,
            kind=ConsultationItem.Kind.SECTION,
            order=order,
            title=section.heading or _("Untitled section"),
            section_key=key,
        )
        item.full_clean()
        item.save()


def _check_has_items(questions: Sequence[Question], keys: Sequence[str]) -> None:
    if not questions and not keys:
        raise ValidationError(
            {"questions": _("Ask at least one question or choose at least one section of the draft.")}
        )


@transaction.atomic
def consultation_create(
    *,
    committee: TaskCommittee,
    by,
    title: str,
    introduction: str,
    starts_at: datetime,
    ends_at: datetime,
    questions: Sequence[Question] = (),
    section_keys: Sequence[str] = (),
) -> Consultation:
    _check(by, "consultations.manage_consultation", committee)
    if not committee.mandate.is_public:
        raise ValidationError(_("The committee's mandate has not been adopted yet."))
    _check_has_items(questions, section_keys)
    consultation = Consultation(
        committee=committee,
        title=title.strip(),
        introduction=introduction.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        created_by=by,
    )
    consultation.full_clean()
    consultation.save()
    _set_items(consultation, questions, section_keys)
    log(consultation, "consultation.created", by=by, data={"items": consultation.items.count()})
    return consultation


@transaction.atomic
def consultation_update(
    *,
    consultation: Consultation,
    by,
    title: str,
    introduction: str,
    starts_at: datetime,
    ends_at: datetime,
    questions: Sequence[Question] | None = None,
    section_keys: Sequence[str] | None = None,
) -> Consultation:
    """Before publication everything may change; once published, the questions and sections stay as the
    public saw them, the opening time only while it has not come, and nothing once the consultation closed."""
    _check(by, "consultations.manage_consultation", consultation)
    consultation = _locked(consultation)
    now = timezone.now()
    published = consultation.published_at is not None
    if published and now >= consultation.ends_at:
        raise ValidationError(_("The consultation has closed and can no longer be changed."), code="closed")
    if published and now >= consultation.starts_at and starts_at != consultation.starts_at:
        raise ValidationError({"starts_at": _("The consultation has opened; its opening time stays.")})
    if published and ends_at <= now:
        raise ValidationError({"ends_at": _("Choose a closing time in the future.")})
    before = {
        "title": consultation.title,
        "starts_at": consultation.starts_at,
        "ends_at": consultation.ends_at,
    }
    consultation.title, consultation.introduction = title.strip(), introduction.strip()
    consultation.starts_at, consultation.ends_at = starts_at, ends_at
    consultation.full_clean()
    consultation.save(update_fields=["title", "introduction", "starts_at", "ends_at"])
    if not published and questions is not None and section_keys is not None:
        _check_has_items(questions, section_keys)
        _set_items(consultation, questions, section_keys)
    changed = [name for name, value in before.items() if getattr(consultation, name) != value]
    log(consultation, "consultation.updated", by=by, data={"changed": changed})
    return consultation


@transaction.atomic
def consultation_publish(*, consultation: Consultation, by) -> Consultation:
    """Make the consultation public. Chosen draft sections are copied from the latest version now."""
    _check(by, "consultations.manage_consultation", consultation)
    consultation = _locked(consultation)
    if consultation.published_at is not None:
        return consultation  # a second click publishes nothing twice
    if consultation.ends_at <= timezone.now():
        raise ValidationError({"ends_at": _("Choose a closing time in the future before you publish.")})
    items = list(consultation.items.all())
    if not items:
        raise ValidationError(_("Ask at least one question or choose at least one section of the draft."))
    sections = [item for item in items if item.is_section]
    draft = _check_sections(consultation.committee, [item.section_key for item in sections])
    for item in sections:
        section = draft.section(item.section_key)
        item.title = section.heading or item.title
        item.body = section.body
        item.version_number = draft.version_number
        item.full_clean()
        item.save(update_fields=["title", "body", "version_number"])
    consultation.published_at, consultation.published_by = timezone.now(), by
    consultation.save(update_fields=["published_at", "published_by"])
    data = {"questions": len(items) - len(sections)}
    if sections:
        # The record the law asks for: which version's text became public, which sections, by whom (the
        # entry's actor) and when (its time).
        data.update(draft_version=draft.version_number, sections=[item.section_key for item in sections])
    log(consultation, "consultation.published", by=by, data=data)
    return consultation


@transaction.atomic
def consultation_configure(
    *, consultation: Consultation, by, moderation: str, retention_days: int
) -> Consultation:
    """Council staff set how contributions are moderated and how long hidden ones keep personal data."""
    if not is_council_staff(by):
        raise PermissionDenied
    consultation = _locked(consultation)
    before = (consultation.moderation, consultation.retention_days)
    consultation.moderation, consultation.retention_days = moderation, retention_days
    consultation.full_clean()
    if before == (moderation, retention_days):
        return consultation
    consultation.save(update_fields=["moderation", "retention_days"])
    log(
        consultation,
        "consultation.configured",
        by=by,
        data={"moderation": moderation, "retention_days": retention_days},
    )
    return consultation
