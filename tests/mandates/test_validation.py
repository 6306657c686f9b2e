"""Invariants staff cannot break: dates in order, seats, balance rules, meetings, members, documents."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from committees.models import Meeting, Membership
from mandates.models import CompetenceProfile, Mandate, MandateDocument
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Count 0/Kids[]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def test_a_time_frame_that_ends_before_it_starts_is_refused(adoptable_mandate):
    adoptable_mandate.ends_on = date(2026, 1, 1)
    with pytest.raises(ValidationError, match="end after it starts"):
        adoptable_mandate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        adoptable_mandate.save()


@pytest.mark.parametrize("share", [51, 90])
def test_a_gender_share_above_half_cannot_be_met(adoptable_mandate, share):
    adoptable_mandate.min_gender_share = share
    with pytest.raises(ValidationError):
        adoptable_mandate.full_clean()


def test_a_profile_needs_a_seat(adoptable_mandate):
    profile = CompetenceProfile(mandate=adoptable_mandate, title="Ingen pladser", seats=0)
    with pytest.raises(ValidationError):
        profile.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        profile.save()


def test_a_meeting_outside_the_time_frame_is_refused(adoptable_mandate):
    starts = timezone.make_aware(datetime(2028, 1, 5, 17))
    meeting = Meeting(
        committee=adoptable_mandate.committee,
        number=20,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    with pytest.raises(ValidationError, match="outside the mandate's time frame"):
        meeting.full_clean()


def test_a_meeting_must_end_after_it_starts(adoptable_mandate):
    starts = timezone.make_aware(datetime(2027, 3, 5, 17))
    meeting = Meeting(committee=adoptable_mandate.committee, number=20, starts_at=starts, ends_at=starts)
    with pytest.raises(ValidationError, match="end after it starts"):
        meeting.full_clean()


def test_a_person_has_one_active_membership_per_committee_and_may_rejoin_after_leaving(
    adoptable_mandate, politician
):
    committee = adoptable_mandate.committee
    first = Membership.objects.create(committee=committee, user=politician, role="politician")
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(committee=committee, user=politician, role="politician")
    first.left_on = timezone.localdate()
    first.save()
    Membership.objects.create(committee=committee, user=politician, role="politician")


def test_only_citizens_fill_profiles_and_only_politicians_chair(adoptable_mandate, facilitator):
    committee = adoptable_mandate.committee
    profile = adoptable_mandate.profiles.first()
    with pytest.raises(ValidationError, match="Only citizens"):
        Membership(committee=committee, user=facilitator, role="facilitator", profile=profile).full_clean()
    with pytest.raises(ValidationError, match="Only a politician"):
        Membership(committee=committee, user=facilitator, role="facilitator", position="chair").full_clean()


def test_a_committee_has_one_chair(adoptable_mandate):
    committee = adoptable_mandate.committee
    Membership.objects.create(committee=committee, user=UserFactory(), role="politician", position="chair")
    with pytest.raises(ValidationError, match="already has someone in that position"):
        Membership(committee=committee, user=UserFactory(), role="politician", position="chair").full_clean()


def test_a_citizens_profile_must_belong_to_the_committees_mandate(adoptable_mandate, citizen):
    other = Mandate.objects.create(title="Andet", slug="andet", problem="?", delivery_kind="vision")
    foreign = CompetenceProfile.objects.create(mandate=other, title="Fremmed", seats=1)
    membership = Membership(
        committee=adoptable_mandate.committee, user=citizen, role="citizen", profile=foreign
    )
    with pytest.raises(ValidationError, match="this committee's mandate"):
        membership.full_clean()


def document(name: str, content: bytes) -> MandateDocument:
    return MandateDocument(
        title="Bilag", file=SimpleUploadedFile(name, content, content_type="application/pdf")
    )


def test_a_real_pdf_is_stored_under_a_name_the_server_made(adoptable_mandate):
    doc = document("../../etc/passwd kommissorium.pdf", REAL_PDF)
    doc.mandate = adoptable_mandate
    doc.full_clean()
    doc.save()
    assert doc.file.name.startswith("mandates/documents/")
    assert "passwd" not in doc.file.name and doc.file.name.endswith(".pdf")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.pdf", b"MZ\x90\x00 this is an executable", "not a PDF"),
        ("notes.pdf", b"Just some text, not a PDF at all.", "not a PDF"),
        ("script.exe", REAL_PDF, "extension"),
    ],
)
def test_a_file_that_is_not_a_pdf_is_refused_whatever_its_name(adoptable_mandate, name, content, message):
    doc = document(name, content)
    doc.mandate = adoptable_mandate
    with pytest.raises(ValidationError, match=message):
        doc.full_clean()


def test_a_pdf_over_the_size_limit_is_refused(adoptable_mandate, settings):
    settings.MANDATE_DOCUMENT_MAX_BYTES = 1000
    doc = document("big.pdf", REAL_PDF + b"0" * 2000)
    doc.mandate = adoptable_mandate
    with pytest.raises(ValidationError, match="at most"):
        doc.full_clean()


def test_the_gender_share_constraint_reports_its_message_not_a_crash(adoptable_mandate):
    from mandates.models import Mandate as M

    constraint = next(c for c in M._meta.constraints if c.name == "mandate_gender_share_at_most_half")
    adoptable_mandate.min_gender_share = 60
    with pytest.raises(ValidationError, match="one half"):
        constraint.validate(M, adoptable_mandate)
