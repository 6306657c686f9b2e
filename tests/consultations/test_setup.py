"""Facilitators or the chair prepare and publish a consultation; publishing draft sections is the recorded
act by which a draft becomes public, with who, when and which version."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.services import entries_for
from consultations.models import ConsultationItem
from consultations.setup import Question, consultation_create, consultation_publish, consultation_update
from deliberation.deliverables.services import deliverable_submit
from tests.consultations.factories import consultation_for
from tests.deliberation.deliverable_factories import committee_at_work, drafted
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_consultation_on_a_draft_section_publishes_that_sections_text_and_records_the_version():
    cast = committee_at_work()
    deliverable = drafted(cast)
    key = deliverable.versions.get().sections[0]["key"]
    consultation = consultation_for(cast, section_keys=[key], publish=False)
    section = consultation.items.get(kind=ConsultationItem.Kind.SECTION)
    assert section.body == ""  # nothing of the draft is copied before publication

    consultation_publish(consultation=consultation, by=cast.facilitator)

    section.refresh_from_db()
    assert section.version_number == 1 and section.body.startswith("Alle unge skal trives")
    entry = entries_for(consultation).get(action="consultation.published")
    assert entry.actor == cast.facilitator
    assert entry.data == {"questions": 2, "draft_version": 1, "sections": [key]}


def test_the_public_reads_a_published_section_but_never_the_draft_before_publication(client):
    cast = committee_at_work()
    deliverable = drafted(cast)
    key = deliverable.versions.get().sections[0]["key"]
    consultation = consultation_for(cast, section_keys=[key], publish=False)
    url = reverse("consultations:detail", args=[consultation.pk])
    assert client.get(url).status_code == 404

    consultation_publish(consultation=consultation, by=cast.facilitator)

    page = client.get(url).content.decode()
    assert "Alle unge skal trives" in page
    assert "version 1" in page


def test_the_chair_may_open_a_consultation_and_a_citizen_member_may_not():
    cast = committee_at_work()
    now = timezone.now()
    arguments = {
        "committee": cast.committee,
        "title": "Spørgsmål",
        "introduction": "Hvad mener du?",
        "starts_at": now,
        "ends_at": now + timedelta(days=5),
        "questions": [Question("Hvad mener du?")],
    }
    assert consultation_create(by=cast.chair, **arguments).pk
    with pytest.raises(PermissionDenied):
        consultation_create(by=cast.citizen, **arguments)
    with pytest.raises(PermissionDenied):
        consultation_create(by=UserFactory(), **arguments)


def test_a_consultation_needs_a_question_or_a_section():
    cast = committee_at_work()
    with pytest.raises(ValidationError) as error:
        consultation_for(cast, questions=(), publish=False)
    assert "questions" in error.value.message_dict


def test_sections_can_be_consulted_on_only_while_the_committee_drafts():
    cast = committee_at_work()
    deliverable = drafted(cast)
    key = deliverable.versions.get().sections[0]["key"]
    deliverable_submit(deliverable=deliverable, by=cast.facilitator)
    with pytest.raises(ValidationError) as error:
        consultation_for(cast, section_keys=[key], publish=False)
    assert "sections" in error.value.message_dict


def test_once_published_the_questions_stay_and_the_opening_time_stays_once_open():
    cast = committee_at_work()
    consultation = consultation_for(cast)
    later = consultation.ends_at + timedelta(days=3)
    consultation_update(
        consultation=consultation,
        by=cast.facilitator,
        title="Ny titel",
        introduction="Ny tekst",
        starts_at=consultation.starts_at,
        ends_at=later,
        questions=[Question("Et helt andet spørgsmål")],
        section_keys=[],
    )
    consultation.refresh_from_db()
    assert consultation.title == "Ny titel" and consultation.ends_at == later
    assert consultation.items.count() == 2  # the questions the public saw stay
    with pytest.raises(ValidationError):
        consultation_update(
            consultation=consultation,
            by=cast.facilitator,
            title="Ny titel",
            introduction="Ny tekst",
            starts_at=timezone.now() + timedelta(days=1),
            ends_at=later,
        )


def test_publishing_twice_publishes_once():
    cast = committee_at_work()
    consultation = consultation_for(cast)
    again = consultation_publish(consultation=consultation, by=cast.facilitator)
    assert again.published_at == consultation.published_at
    assert entries_for(consultation).filter(action="consultation.published").count() == 1
