"""Writes to the committee's deliverable while it drafts: versions, comments, submission; and the
pure diff between two versions."""

from __future__ import annotations

import difflib
import secrets
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import deliberation.deliverables.rules  # noqa: F401 - registers the permissions checked here
from committees.models import Membership, TaskCommittee
from committees.services import mandate_move
from deliberation.deliverables.passages import paragraphs
from deliberation.models import Deliverable, DeliverableVersion, SectionComment
from mandates.models import Mandate
from notifications.services import notification_schedule

Section = Mapping[str, str]


def deliverable_for(*, committee: TaskCommittee) -> Deliverable:
    deliverable, _created = Deliverable.objects.get_or_create(committee=committee)
    deliverable.committee = committee  # as the caller loaded it (with its mandate), not read again
    return deliverable


def latest_version(deliverable: Deliverable) -> DeliverableVersion | None:
    return deliverable.versions.order_by("-number").first()


def resume_if_returned(*, deliverable: Deliverable, by) -> None:
    """A returned delivery goes back to the committee: its next save or submission reopens the work."""
    mandate = deliverable.committee.mandate
    if mandate.state == Mandate.State.RETURNED:
        mandate_move(
            mandate=mandate, to=Mandate.State.ACTIVE, by=by, note=_("The committee resumes its work.")
        )


def _normalised(sections: Iterable[Section], known_keys: set[str]) -> list[dict[str, str]]:
    """Sections as stored: known keys kept, a fresh key for a new section (or a duplicated key)."""
    result, used = [], set()
    for section in sections:
        key = str(section.get("key") or "")
        if key not in known_keys or key in used:
            key = secrets.token_hex(4)
            while key in known_keys or key in used:
                key = secrets.token_hex(4)
        used.add(key)
        result.append(
            {
                "key": key,
                "heading": str(section.get("heading", "")).strip(),
                "body": str(section.get("body", "")),
            }
        )
    return result


@transaction.atomic
def version_save(
    *, deliverable: Deliverable, by, title: str, sections: Iterable[Section]
) -> DeliverableVersion:
    """Save the whole text as the next version. Only while drafting, and only if something changed."""
    deliverable = Deliverable.objects.select_for_update().get(pk=deliverable.pk)
    if not by.has_perm("deliberation.edit_deliverable", deliverable):
        raise PermissionDenied
    previous = latest_version(deliverable)
    known = {s["key"] for v in deliverable.versions.all() for s in v.sections}
    new_sections = _normalised(sections, known)
    title = title.strip()
    if previous is not None and previous.title == title and previous.sections == new_sections:
        raise ValidationError(
            _("Nothing has changed since version %(number)s.") % {"number": previous.number}
        )
    resume_if_returned(deliverable=deliverable, by=by)
    version = DeliverableVersion(
        deliverable=deliverable,
        number=(previous.number + 1) if previous else 1,
        title=title,
        sections=new_sections,
        created_by=by,
    )
    version.full_clean()
    version.save()
    return version


class SectionDiff(NamedTuple):
    heading: str
    lines: list[str]


def _sections_of(version_or_sections) -> list[Section]:
    return list(getattr(version_or_sections, "sections", version_or_sections) or [])


def _text(section: Section | None, *, shown: bool = False) -> list[str]:
    if section is None:
        return []
    body = str(section.get("body", ""))
    lines = paragraphs(body) if shown else body.splitlines()
    return [f"## {section.get('heading', '')}", "", *lines]


def version_diff(old, new, *, shown: bool = False) -> list[SectionDiff]:
    """What changed from `old` to `new` (versions or lists of sections), section by section.

    Sections are matched by key, so a renamed heading is a change of that section. Each entry is
    (heading, unified diff lines without the file header: "@@" hunks, "+", "-" and " " lines); unchanged
    sections are left out. The title is compared too when both sides are versions. Sections only
    moved in the order are not reported. `shown`: compare the text as the page shows it, a paragraph a
    line, rather than its Markdown (for readers who never see Markdown: the agreed text's changes).
    """
    result = []
    old_title, new_title = getattr(old, "title", None), getattr(new, "title", None)
    if old_title is not None and new_title is not None and old_title != new_title:
        result.append(SectionDiff(_("Title"), [f"-{old_title}", f"+{new_title}"]))
    old_sections = {s["key"]: s for s in _sections_of(old)}
    new_sections = _sections_of(new)
    new_keys = {s["key"] for s in new_sections}
    pairs = [(old_sections.get(s["key"]), s) for s in new_sections]
    pairs += [(s, None) for key, s in old_sections.items() if key not in new_keys]
    for before, after in pairs:
        lines = list(
            difflib.unified_diff(_text(before, shown=shown), _text(after, shown=shown), lineterm="", n=3)
        )[2:]
        if lines:
            heading = (after or before).get("heading", "")
            result.append(SectionDiff(heading, lines))
    return result


@transaction.atomic
def comment_add(*, deliverable: Deliverable, section_key: str, by, body: str) -> SectionComment:
    if not by.has_perm("deliberation.comment_deliverable", deliverable):
        raise PermissionDenied
    version = latest_version(deliverable)
    if version is None or section_key not in {s["key"] for s in version.sections}:
        raise ValidationError(_("That section is not in the current version."), code="no_section")
    comment = SectionComment(
        deliverable=deliverable, section_key=section_key, version=version, author=by, body=body
    )
    comment.full_clean()
    comment.save()
    return comment


def active_members(committee: TaskCommittee):
    return Membership.objects.active().filter(committee=committee).select_related("user")


@transaction.atomic
def deliverable_submit(*, deliverable: Deliverable, by) -> Deliverable:
    """The facilitators or the chair hand the latest version to the political bodies of the route."""
    deliverable = (
        Deliverable.objects.select_for_update().select_related("committee__mandate").get(pk=deliverable.pk)
    )
    if not by.has_perm("deliberation.submit_deliverable", deliverable):
        raise PermissionDenied
    version = latest_version(deliverable)
    if version is None:
        raise ValidationError(_("Save a first version before submitting."), code="no_version")
    mandate = deliverable.committee.mandate
    resume_if_returned(deliverable=deliverable, by=by)
    transition = mandate_move(
        mandate=mandate,
        to=Mandate.State.DELIVERED,
        by=by,
        note=_("Version %(number)s submitted.") % {"number": version.number},
    )
    deliverable.submitted_version = version
    deliverable.submitted_at = timezone.now()
    deliverable.state = Deliverable.State.SUBMITTED
    deliverable.save(update_fields=["submitted_version", "submitted_at", "state"])
    for membership in active_members(deliverable.committee):
        notification_schedule(
            recipient=membership.user,
            kind="deliverable_submitted",
            key=f"deliverable-submitted:{transition.pk}:{membership.user_id}",
            context={
                "title": deliverable.committee.name,
                "version_title": version.title,
                "number": version.number,
                "slug": mandate.slug,
            },
        )
    return deliverable
