"""Writes to a meeting's record: attendance and texts, the decision summary's publication, action items
and attachments. Each service checks the writer's permission; views check it too, to answer 404 or 403."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

import deliberation.records.rules  # noqa: F401  (registers the permissions used below)
from committees.models import Meeting, Membership
from committees.services import meeting_mark_held
from core.cache import public_pages_changed
from deliberation.models import ActionItem, MeetingAttachment, MeetingRecord
from notifications.services import notification_schedule

RECORD_MEETING = "deliberation.record_meeting"
SUMMARY_PUBLISHED = "summary_published"


def _check_may_record(by, meeting: Meeting) -> None:
    if not by.has_perm(RECORD_MEETING, meeting):
        raise PermissionDenied(_("Only the committee's facilitators and council staff keep the record."))


def recording_refused(meeting: Meeting) -> ValidationError | None:
    """Why the meeting cannot have a record yet (or at all): a record is of a meeting that took place."""
    if meeting.state == Meeting.State.CANCELLED:
        return ValidationError(_("The meeting was cancelled: there is nothing to record."), code="cancelled")
    if meeting.starts_at > timezone.now():
        start = formats.date_format(timezone.localtime(meeting.starts_at), "DATETIME_FORMAT")
        return ValidationError(
            _("The meeting has not started yet. Its record can be written from %(start)s.")
            % {"start": start},
            code="not_started",
        )
    return None


def _check_recordable(meeting: Meeting) -> None:
    if (refused := recording_refused(meeting)) is not None:
        raise ValidationError({NON_FIELD_ERRORS: [refused]})


def _committee_memberships(meeting: Meeting):
    return Membership.objects.filter(committee_id=meeting.committee_id)


@transaction.atomic
def record_save(
    *,
    meeting: Meeting,
    by,
    present_ids: Iterable[int],
    internal_notes: str,
    decisions: str,
    ideas: str,
    summary: str,
) -> MeetingRecord:
    """Create or update the meeting's record, which marks it held. Only once it has started, and only
    members of this committee can be marked present."""
    _check_may_record(by, meeting)
    _check_recordable(meeting)
    present_ids = {int(pk) for pk in present_ids}
    known = set(_committee_memberships(meeting).filter(pk__in=present_ids).values_list("pk", flat=True))
    if present_ids - known:
        raise ValidationError({"present": _("Only members of this committee can be marked present.")})
    record, _created = MeetingRecord.objects.select_for_update().get_or_create(meeting=meeting)
    record.internal_notes = internal_notes
    record.decisions = decisions
    record.ideas = ideas
    if record.summary_published_at is not None and summary.strip() != record.summary.strip():
        # A changed summary is a new text: it goes public, and members hear of it, only when published again.
        record.summary_published_at = None
    record.summary = summary
    record.updated_by = by
    record.full_clean()
    record.save()
    record.present.set(known)
    meeting_mark_held(meeting=meeting, by=by)
    return record


@transaction.atomic
def summary_publish(*, meeting: Meeting, by) -> MeetingRecord:
    """Make the decision summary public and tell every active member, once.

    Publishing an already published summary changes nothing and tells no one again.
    """
    _check_may_record(by, meeting)
    _check_recordable(meeting)
    record = MeetingRecord.objects.filter(meeting=meeting).first()
    if record is None or not record.summary.strip():
        raise ValidationError({"summary": _("Write the decision summary before publishing it.")})
    now = timezone.now()
    # A conditional update claims the publication: of two simultaneous clicks, one wins.
    claimed = MeetingRecord.objects.filter(pk=record.pk, summary_published_at__isnull=True).update(
        summary_published_at=now
    )
    if not claimed:
        record.refresh_from_db()
        return record
    public_pages_changed()  # the update above passes no signal; the committee page shows the summary
    record.summary_published_at = now
    committee = meeting.committee
    context = {
        "title": committee.name,
        "number": meeting.number,
        "meeting_date": timezone.localtime(meeting.starts_at).date(),
        "summary": record.summary,
        "url": settings.SITE_URL + committee.mandate.get_absolute_url(),
    }
    publication = now.strftime("%Y%m%dT%H%M%S%f")
    members = _committee_memberships(meeting).active().select_related("user")
    for membership in members:
        notification_schedule(
            recipient=membership.user,
            kind=SUMMARY_PUBLISHED,
            key=f"{SUMMARY_PUBLISHED}:{meeting.pk}:{publication}:{membership.user_id}",
            context=context,
        )
    return record


@transaction.atomic
def action_item_add(
    *, meeting: Meeting, by, text: str, owner_id: int | None, due_on: date | None
) -> ActionItem:
    _check_may_record(by, meeting)
    if owner_id is not None and not (_committee_memberships(meeting).active().filter(pk=owner_id).exists()):
        raise ValidationError({"owner": _("Choose an active member of this committee.")})
    item = ActionItem(meeting=meeting, text=text, owner_id=owner_id, due_on=due_on)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def action_item_set_done(*, item: ActionItem, by, done: bool) -> ActionItem:
    _check_may_record(by, item.meeting)
    if done != (item.done_at is not None):
        item.done_at = timezone.now() if done else None
        item.save(update_fields=["done_at"])
    return item


@transaction.atomic
def attachment_add(*, meeting: Meeting, by, title: str, file: File) -> MeetingAttachment:
    """Attach a PDF, checked by its content (mandates.documents.validate_pdf) before it is stored."""
    _check_may_record(by, meeting)
    attachment = MeetingAttachment(meeting=meeting, title=title, file=file)
    attachment.full_clean()
    attachment.save()
    return attachment
