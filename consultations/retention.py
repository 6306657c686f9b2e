"""Personal data kept no longer than needed (GDPR art. 5(1)(e)); the beat runs this daily, and running it
twice changes nothing the second time.

- A hidden contribution loses its text, its PDF and its author once its consultation's retention period
  (set by staff, per consultation) has passed, counted from the later of the close and the hiding. The row
  stays, without personal data, so the counts and the chart of what the committee heard do not change.
- A draft never sent is deleted when the same period has passed after the consultation closed.
- People's access needs for a dialogue meeting are deleted DIALOGUE_ACCESS_NEEDS_RETENTION_DAYS after it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit.services import log
from consultations.contributing import delete_file_on_commit
from consultations.models import Consultation, Contribution, DialogueMeeting, Registration

S = Contribution.State


@transaction.atomic
def hidden_contributions_erase_due(*, now: datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    erased = drafts = 0
    # One query per consultation that still has something to erase: few, however many contributions.
    candidates = Consultation.objects.filter(
        contributions__state__in=(S.HIDDEN, S.DRAFT), contributions__personal_data_deleted_at__isnull=True
    ).distinct()
    for consultation in candidates:
        cutoff = now - timedelta(days=consultation.retention_days)
        if consultation.ends_at > cutoff:
            continue
        due = consultation.contributions.filter(
            state=S.HIDDEN, hidden_at__lte=cutoff, personal_data_deleted_at__isnull=True
        )
        for contribution in due.select_for_update(of=("self",)):
            if contribution.attachment:
                delete_file_on_commit(contribution.attachment.name, contribution.attachment.storage)
            contribution.body, contribution.attachment, contribution.author = "", "", None
            contribution.personal_data_deleted_at = now
            contribution.save(update_fields=["body", "attachment", "author", "personal_data_deleted_at"])
            log(
                contribution,
                "contribution.personal_data_deleted",
                by=None,
                data={"consultation": consultation.pk},
            )
            erased += 1
        unsent = consultation.contributions.filter(state=S.DRAFT)
        for contribution in unsent:
            if contribution.attachment:
                delete_file_on_commit(contribution.attachment.name, contribution.attachment.storage)
        drafts += unsent.delete()[1].get(Contribution._meta.label, 0)
    return {"erased": erased, "drafts_deleted": drafts}


@transaction.atomic
def access_needs_erase_due(*, now: datetime | None = None) -> int:
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.DIALOGUE_ACCESS_NEEDS_RETENTION_DAYS)
    due = Registration.objects.filter(meeting__ends_at__lte=cutoff, access_needs_deleted_at__isnull=True)
    erased = 0
    for meeting in DialogueMeeting.objects.filter(pk__in=due.values("meeting_id")):
        count = due.filter(meeting=meeting).update(
            access_needs=[], access_details="", access_needs_deleted_at=now
        )
        if count:  # a run at the same moment may have done it: then there is nothing to record
            log(meeting, "dialogue_meeting.access_needs_deleted", by=None, data={"registrations": count})
        erased += count
    return erased
