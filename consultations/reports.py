"""“What we heard”: when the consultation has closed, the facilitators (or the chair) write a summary and,
per question or section, how the input was used. Published, it appears on the consultation's page, every
contributor is told, and the deliverable carries it as the consultation report to the political bodies."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

import consultations.rules  # noqa: F401 - registers the permissions checked here
from audit.services import log
from consultations.mail import site_url, tell
from consultations.models import Consultation, Contribution, DialogueMeeting

SUMMARY_MAX = 20_000


@transaction.atomic
def report_save(
    *,
    consultation: Consultation,
    by,
    summary: str,
    how_used: Mapping[int, str],
    meeting_ids: Iterable[int] = (),
    publish: bool = False,
) -> Consultation:
    """Save the report; `publish` makes it public (once the consultation closed) and tells contributors."""
    if not by.has_perm("consultations.manage_consultation", consultation):
        raise PermissionDenied
    consultation = (
        Consultation.objects.select_for_update(of=("self",))
        .select_related("committee__mandate")
        .get(pk=consultation.pk)
    )
    if consultation.published_at is None:
        raise ValidationError(_("Publish the consultation before you write what you heard."), code="draft")
    summary = summary.replace("\r\n", "\n").strip()
    if len(summary) > SUMMARY_MAX:
        raise ValidationError({"summary": _("The summary is too long.")})
    first_publication = publish and consultation.report_published_at is None
    if publish and not consultation.has_ended:
        raise ValidationError(
            _("You can publish what you heard when the consultation has closed."), code="open"
        )
    if (publish or consultation.report_published_at) and not summary:
        raise ValidationError({"summary": _("Write a summary of what you heard.")})
    meetings = list(
        DialogueMeeting.objects.public().filter(committee=consultation.committee, pk__in=list(meeting_ids))
    )
    consultation.summary = summary
    if first_publication:
        consultation.report_published_at = timezone.now()
    consultation.save(update_fields=["summary", "report_published_at"])
    consultation.dialogue_meetings.set(meetings)
    for item in consultation.items.all():
        text = how_used.get(item.pk, item.how_used).replace("\r\n", "\n").strip()
        if text != item.how_used:
            item.how_used = text
            item.full_clean()
            item.save(update_fields=["how_used"])
    if first_publication:
        told = _tell_contributors(consultation)
        log(consultation, "consultation.report_published", by=by, data={"contributors_told": told})
    else:
        log(
            consultation,
            "consultation.report_saved",
            by=by,
            data={"published": bool(consultation.report_published_at)},
        )
    return consultation


def _tell_contributors(consultation: Consultation) -> int:
    """One message to each person who sent something (not drafts, not withdrawn texts); one query."""
    sent = Contribution.objects.filter(
        consultation=consultation, state__in=Contribution.SUBMITTED_STATES, author__isnull=False
    ).select_related("author")
    people = {contribution.author_id: contribution.author for contribution in sent}
    context = {
        "consultation": consultation.title,
        "committee": consultation.committee.name,
        "consultation_url": site_url("detail", consultation.pk) + "#heard",
    }
    for person in people.values():
        tell(
            recipient=person,
            kind="consultation_report_published",
            key=f"consultation-report:{consultation.pk}:{person.pk}",
            context=context,
        )
    return len(people)
