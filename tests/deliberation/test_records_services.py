"""The meeting-record services: attendance, publishing the decision summary (members told once),
action items and attachments, and who may write."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from deliberation.models import MeetingAttachment, MeetingRecord
from deliberation.records.services import (
    action_item_add,
    action_item_set_done,
    attachment_add,
    record_save,
    summary_publish,
)
from notifications.emails import render_message
from notifications.models import Notification
from tests.committees.factories import MembershipFactory
from tests.deliberation.record_factories import PDF, ActionItemFactory, cast

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(facilitator, politician, citizen, staff):
    return cast(facilitator=facilitator, politician=politician, citizen=citizen, staff=staff)


def _save(people, *, by=None, present=(), summary="", **texts) -> MeetingRecord:
    return record_save(
        meeting=people.meeting,
        by=by or people.facilitator,
        present_ids=present,
        internal_notes=texts.get("internal_notes", "Fortroligt."),
        decisions=texts.get("decisions", ""),
        ideas=texts.get("ideas", ""),
        summary=summary,
    )


def test_a_facilitator_saves_the_record_with_attendance(people):
    present = [people.memberships["politician"].pk, people.memberships["citizen"].pk]
    record = _save(people, present=present, decisions="Vi gør det.", summary="Referat.")

    record.refresh_from_db()
    assert set(record.present.values_list("pk", flat=True)) == set(present)
    assert record.decisions == "Vi gør det."
    assert record.updated_by == people.facilitator
    assert record.summary_published_at is None


def test_saving_again_updates_the_one_record_and_its_attendance(people):
    _save(people, present=[people.memberships["politician"].pk])
    record = _save(people, by=people.staff, present=[people.memberships["citizen"].pk])

    assert MeetingRecord.objects.count() == 1
    assert list(record.present.all()) == [people.memberships["citizen"]]


def test_a_member_of_another_committee_cannot_be_marked_present(people):
    with pytest.raises(ValidationError) as error:
        _save(people, present=[people.memberships["citizen"].pk, people.other_membership.pk])

    assert "present" in error.value.message_dict
    assert not MeetingRecord.objects.exists()


@pytest.mark.parametrize("role", ["politician", "citizen", "politician_elsewhere", "facilitator_elsewhere"])
def test_only_the_committees_facilitators_and_staff_write_the_record(people, role):
    with pytest.raises(PermissionDenied):
        _save(people, by=people.person(role))


def test_publishing_tells_every_active_member_once(people):
    MembershipFactory(
        committee=people.committee, joined_on=date(2026, 1, 1), left_on=date(2026, 1, 20), citizen=True
    )
    _save(people, summary="Udvalget vil foreslå gratis busser.")

    record = summary_publish(meeting=people.meeting, by=people.facilitator)
    first_publication = record.summary_published_at
    summary_publish(meeting=people.meeting, by=people.facilitator)

    sent = Notification.objects.filter(kind="summary_published")
    assert sorted(sent.values_list("recipient__email", flat=True)) == sorted(
        m.user.email for m in people.memberships.values()
    )
    record.refresh_from_db()
    assert record.summary_published_at == first_publication
    assert all(str(people.meeting.pk) in key for key in sent.values_list("key", flat=True))


def test_the_email_tells_the_summary_in_both_parts(people, english_citizen):
    MembershipFactory(committee=people.committee, user=english_citizen, citizen=True)
    _save(people, summary="Udvalget vil foreslå gratis busser.")
    summary_publish(meeting=people.meeting, by=people.facilitator)

    message = render_message(Notification.objects.get(recipient=english_citizen))

    assert message.subject == f"Decision summary of meeting 1 in {people.committee.name}"
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "Udvalget vil foreslå gratis busser." in part
        assert "Feb. 8, 2026" in part  # the meeting's date, in the recipient's language
        assert people.committee.mandate.get_absolute_url() in part
        assert "Fortroligt" not in part


@pytest.mark.parametrize("summary", ["", "   \n "])
def test_an_empty_summary_cannot_be_published(people, summary):
    _save(people, summary=summary)

    with pytest.raises(ValidationError) as error:
        summary_publish(meeting=people.meeting, by=people.facilitator)

    assert "summary" in error.value.message_dict
    assert MeetingRecord.objects.get().summary_published_at is None
    assert not Notification.objects.filter(kind="summary_published").exists()


def test_a_meeting_without_a_record_has_nothing_to_publish(people):
    with pytest.raises(ValidationError):
        summary_publish(meeting=people.meeting, by=people.staff)


def test_a_member_cannot_publish(people):
    _save(people, summary="Referat.")
    with pytest.raises(PermissionDenied):
        summary_publish(meeting=people.meeting, by=people.politician)


def test_action_items_are_added_and_marked_done_and_open_again(people):
    owner = people.memberships["citizen"]
    item = action_item_add(
        meeting=people.meeting, by=people.facilitator, text="Spørg elevrådet", owner_id=owner.pk, due_on=None
    )
    assert item.owner == owner and item.done_at is None

    action_item_set_done(item=item, by=people.facilitator, done=True)
    item.refresh_from_db()
    assert item.done_at is not None

    action_item_set_done(item=item, by=people.staff, done=False)
    item.refresh_from_db()
    assert item.done_at is None


def test_an_action_item_owner_must_be_a_member_of_the_committee(people):
    with pytest.raises(ValidationError) as error:
        action_item_add(
            meeting=people.meeting,
            by=people.facilitator,
            text="Noget",
            owner_id=people.other_membership.pk,
            due_on=None,
        )
    assert "owner" in error.value.message_dict


def test_a_member_cannot_mark_an_action_item_done(people):
    item = ActionItemFactory(meeting=people.meeting)
    with pytest.raises(PermissionDenied):
        action_item_set_done(item=item, by=people.citizen, done=True)


def test_a_pdf_is_attached(people):
    upload = SimpleUploadedFile("oplæg.pdf", PDF, content_type="application/pdf")
    attachment = attachment_add(meeting=people.meeting, by=people.facilitator, title="Oplæg", file=upload)

    assert attachment.file.name.endswith(".pdf")
    assert "oplæg" not in attachment.file.name


def test_a_fake_pdf_is_refused(people):
    upload = SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    with pytest.raises(ValidationError) as error:
        attachment_add(meeting=people.meeting, by=people.facilitator, title="Bilag", file=upload)

    assert "file" in error.value.message_dict
    assert not MeetingAttachment.objects.exists()


def test_editing_a_published_summary_takes_it_back_until_it_is_published_again(people):
    from deliberation.records.selectors import published_summaries_of

    _save(people, summary="Udvalget vil foreslå gratis busser.")
    summary_publish(meeting=people.meeting, by=people.facilitator)
    _save(people, summary="KLADDE: ikke godkendt endnu.")
    assert published_summaries_of(people.committee) == []  # the public never reads an unpublished edit

    summary_publish(meeting=people.meeting, by=people.facilitator)
    assert [s.summary for s in published_summaries_of(people.committee)] == ["KLADDE: ikke godkendt endnu."]
    assert Notification.objects.filter(kind="summary_published").count() == 2 * len(people.memberships)


def test_saving_the_record_without_changing_the_summary_keeps_it_published(people):
    from deliberation.records.selectors import published_summaries_of

    _save(people, summary="Udvalget vil foreslå gratis busser.")
    summary_publish(meeting=people.meeting, by=people.facilitator)
    _save(people, summary="Udvalget vil foreslå gratis busser.", ideas="Flere bænke.")
    assert len(published_summaries_of(people.committee)) == 1


def test_a_meeting_that_has_not_started_cannot_be_recorded_or_its_summary_published(people):
    from django.utils import timezone

    from committees.models import Meeting

    Meeting.objects.filter(pk=people.meeting.pk).update(
        starts_at=timezone.now() + timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=3)
    )
    people.meeting.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        _save(people, summary="Referat af et møde, der ikke er holdt.")
    assert error.value.error_dict["__all__"][0].code == "not_started"
    assert not MeetingRecord.objects.exists()
    with pytest.raises(ValidationError):
        summary_publish(meeting=people.meeting, by=people.facilitator)
    people.meeting.refresh_from_db()
    assert people.meeting.state == Meeting.State.PLANNED


def test_recording_a_meeting_marks_it_held_once_with_an_audit_entry(people):
    from audit.services import entries_for
    from committees.models import Meeting

    _save(people, summary="Referat.")
    _save(people, summary="Referat, rettet.")

    people.meeting.refresh_from_db()
    assert people.meeting.state == Meeting.State.HELD
    assert [entry.action for entry in entries_for(people.meeting)] == ["meeting.held"]
    assert entries_for(people.meeting).get().actor == people.facilitator


def test_a_cancelled_meeting_cannot_be_recorded(people):
    from committees.models import Meeting

    Meeting.objects.filter(pk=people.meeting.pk).update(state=Meeting.State.CANCELLED)
    people.meeting.refresh_from_db()
    with pytest.raises(ValidationError):
        _save(people, summary="Referat.")
