"""Personal data in hidden contributions, unsent drafts and access needs are deleted when their time is
up; the counts stay. Each run is idempotent: the second changes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from audit.services import entries_for
from consultations.models import Consultation, Contribution, Registration
from consultations.moderation import contribution_hide
from consultations.registrations import RegistrationData, registration_create
from consultations.retention import access_needs_erase_due, hidden_contributions_erase_due
from consultations.tasks import retention_task
from tests.consultations.factories import consultation_for, contribute, meeting_for
from tests.deliberation.deliverable_factories import committee_at_work

pytestmark = pytest.mark.django_db


def test_a_hidden_contributions_personal_data_goes_after_the_period_and_the_row_stays(
    citizen, django_capture_on_commit_callbacks
):
    cast = committee_at_work()
    consultation = consultation_for(cast)
    pdf = SimpleUploadedFile("naboen.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    hidden = contribute(consultation, citizen, body="Min nabo Hans Hansen larmer.", attachment=pdf)
    stored = hidden.attachment.name
    assert hidden.attachment.storage.exists(stored)
    contribution_hide(contribution=hidden, by=cast.facilitator, reason="personal_data")
    kept = contribute(consultation, body="Et fint bidrag.")
    Consultation.objects.filter(pk=consultation.pk).update(retention_days=30)
    now = timezone.now()

    assert hidden_contributions_erase_due(now=now + timedelta(days=40)) == {"erased": 0, "drafts_deleted": 0}
    after = consultation.ends_at + timedelta(days=31)
    with django_capture_on_commit_callbacks(execute=True):
        assert hidden_contributions_erase_due(now=after) == {"erased": 1, "drafts_deleted": 0}
    assert hidden_contributions_erase_due(now=after) == {"erased": 0, "drafts_deleted": 0}

    hidden.refresh_from_db()
    kept.refresh_from_db()
    assert (hidden.body, hidden.author, hidden.attachment.name) == ("", None, "")
    assert not kept.attachment and not hidden.attachment.storage.exists(stored)
    assert hidden.state == Contribution.State.HIDDEN and hidden.personal_data_deleted_at
    assert kept.body == "Et fint bidrag." and kept.author
    assert entries_for(hidden).filter(action="contribution.personal_data_deleted").count() == 1


def test_unsent_drafts_go_after_the_close(citizen):
    consultation = consultation_for(committee_at_work())
    contribute(consultation, citizen, send=False)
    Consultation.objects.filter(pk=consultation.pk).update(retention_days=10)
    after = consultation.ends_at + timedelta(days=11)
    assert hidden_contributions_erase_due(now=after)["drafts_deleted"] == 1
    assert hidden_contributions_erase_due(now=after)["drafts_deleted"] == 0
    assert not Contribution.objects.exists()


def test_access_needs_go_some_days_after_the_meeting(settings, citizen):
    settings.DIALOGUE_ACCESS_NEEDS_RETENTION_DAYS = 30
    meeting = meeting_for(committee_at_work())
    registration = registration_create(
        meeting=meeting,
        by=citizen,
        data=RegistrationData(name="Ida", access_needs=["childcare"], access_details="To børn, 3 og 5 år."),
        notice=None,
    )
    assert access_needs_erase_due(now=meeting.ends_at + timedelta(days=29)) == 0
    assert access_needs_erase_due(now=meeting.ends_at + timedelta(days=31)) == 1
    assert access_needs_erase_due(now=meeting.ends_at + timedelta(days=31)) == 0
    registration.refresh_from_db()
    assert registration.access_needs == [] and registration.access_details == ""
    assert registration.name == "Ida" and registration.state == Registration.State.CONFIRMED


def test_the_daily_task_runs_both_and_twice_is_harmless():
    assert retention_task() == {"erased": 0, "drafts_deleted": 0, "access_needs_erased": 0}
    assert retention_task() == {"erased": 0, "drafts_deleted": 0, "access_needs_erased": 0}
