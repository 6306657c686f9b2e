"""The facilitators' record page: who sees and does what, saving, publishing, action items, attachments,
errors that keep the input, and a query count that does not grow with members or action items."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from deliberation.models import ActionItem, MeetingAttachment, MeetingRecord
from notifications.models import Notification
from tests.committees.factories import MembershipFactory
from tests.deliberation.record_factories import (
    PDF,
    ActionItemFactory,
    MeetingAttachmentFactory,
    MeetingRecordFactory,
    cast,
)
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db

WRITERS = ["facilitator", "staff"]
READERS = ["politician", "citizen"]
OUTSIDERS = [
    "politician_elsewhere",
    "facilitator_elsewhere",
    "citizen_elsewhere",
    "other_citizen",
    "anonymous",
]
SECRET = "Fortroligt: Ole var uenig om budgettet."


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def people(facilitator, politician, citizen, staff):
    return cast(facilitator=facilitator, politician=politician, citizen=citizen, staff=staff)


@pytest.fixture
def record(people):
    return MeetingRecordFactory(
        meeting=people.meeting,
        internal_notes=SECRET,
        summary="Udkast til referat.",
        present=[people.memberships["citizen"]],
    )


def url(people, name: str = "record", *args) -> str:
    return reverse(f"deliberation:{name}", args=[people.committee.mandate.slug, people.meeting.number, *args])


def sign_in(client, people, role: str):
    user = people.person(role)
    if user is not None:
        client.force_login(user)
    return user


def record_data(people, **changes) -> dict:
    data = {
        "present": [people.memberships["politician"].pk, people.memberships["citizen"].pk],
        "internal_notes": "Nye interne noter.",
        "decisions": "Vi gør det.",
        "ideas": "En idé.",
        "summary": "Beslutningsreferat.",
    }
    return {**data, **changes}


# --- Who sees and does what.


@pytest.mark.parametrize("role", WRITERS)
def test_facilitators_and_staff_get_the_record_form(client, people, record, role):
    sign_in(client, people, role)
    response = client.get(url(people))

    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="record-form"' in content
    assert "<legend" in content and "Who was present?" in content
    assert SECRET in content
    assert "Publish the decision summary" in content


@pytest.mark.parametrize("role", READERS)
def test_members_read_the_record_with_internal_notes_but_get_no_forms(client, people, record, role):
    sign_in(client, people, role)
    response = client.get(url(people))

    assert response.status_code == 200
    content = response.content.decode()
    assert SECRET in content
    assert people.citizen.get_full_name() in content
    assert '<form method="post" action="/my/' not in content
    assert 'id="record-form"' not in content


@pytest.mark.parametrize("role", READERS)
def test_members_cannot_write_anything(client, people, record, role):
    sign_in(client, people, role)
    item = ActionItemFactory(meeting=people.meeting)
    posts = {
        url(people): record_data(people, summary="Overskrevet", publish="1"),
        url(people, "action_item_add"): {"item-text": "Noget"},
        url(people, "action_item_done", item.pk): {"done": "1"},
        url(people, "attachment_add"): {
            "attachment-title": "Bilag",
            "attachment-file": SimpleUploadedFile("b.pdf", PDF),
        },
    }
    for target, data in posts.items():
        assert client.post(target, data).status_code == 403, target

    record.refresh_from_db()
    assert record.summary == "Udkast til referat." and record.summary_published_at is None
    assert ActionItem.objects.filter(done_at__isnull=False).count() == 0
    assert ActionItem.objects.count() == 1 and not MeetingAttachment.objects.exists()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_outsiders_get_404_and_never_the_internal_notes(client, people, record, role):
    sign_in(client, people, role)
    item = ActionItemFactory(meeting=people.meeting)
    attachment = MeetingAttachmentFactory(meeting=people.meeting)

    for target in (url(people), url(people, "attachment", attachment.pk)):
        response = client.get(target)
        assert response.status_code == 404, target
        assert SECRET.encode() not in response.content
    for target in (url(people), url(people, "action_item_add"), url(people, "action_item_done", item.pk)):
        assert client.post(target, record_data(people)).status_code == 404, target
    record.refresh_from_db()
    assert record.internal_notes == SECRET


def test_an_unknown_meeting_is_404_even_for_staff(client, people):
    client.force_login(people.staff)
    missing = reverse("deliberation:record", args=[people.committee.mandate.slug, 99])
    assert client.get(missing).status_code == 404


def test_looking_at_the_page_creates_no_record(client, people):
    client.force_login(people.facilitator)
    assert client.get(url(people)).status_code == 200
    assert not MeetingRecord.objects.exists()


# --- Saving and publishing.


def test_a_facilitator_saves_attendance_and_texts(client, people):
    client.force_login(people.facilitator)
    response = client.post(url(people), record_data(people))

    assert response.status_code == 302
    record = MeetingRecord.objects.get()
    assert set(record.present.all()) == {people.memberships["politician"], people.memberships["citizen"]}
    assert record.internal_notes == "Nye interne noter."
    assert record.summary_published_at is None
    assert not Notification.objects.exists()
    page = client.get(response.url).content.decode()
    assert "The record is saved." in page
    assert "checked" in page


def test_marking_a_member_of_another_committee_present_keeps_the_input_and_saves_nothing(client, people):
    client.force_login(people.facilitator)
    data = record_data(people, present=[people.other_membership.pk], ideas="Min skrevne idé")
    response = client.post(url(people), data)

    assert response.status_code == 200
    content = response.content.decode()
    assert "Only members of this committee can be marked present." in content
    assert "Min skrevne idé" in content
    assert not MeetingRecord.objects.exists()


def test_publishing_from_the_page_saves_the_summary_and_tells_members_once(client, people):
    client.force_login(people.facilitator)
    data = record_data(people, summary="Udvalget anbefaler gratis busser.", publish="1")

    response = client.post(url(people), data)
    client.post(url(people), data)

    assert response.status_code == 302
    record = MeetingRecord.objects.get()
    assert record.summary == "Udvalget anbefaler gratis busser."
    assert record.summary_published_at is not None
    assert Notification.objects.filter(kind="summary_published").count() == len(people.memberships)
    page = client.get(url(people)).content.decode()
    assert "was published on" in page


def test_publishing_an_empty_summary_is_refused_and_keeps_what_was_typed(client, people, record):
    client.force_login(people.staff)
    response = client.post(url(people), record_data(people, summary="", decisions="Nyt skrevet", publish="1"))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Write the decision summary before publishing it." in content
    assert "Nyt skrevet" in content
    record.refresh_from_db()
    assert record.decisions != "Nyt skrevet"  # nothing half done
    assert record.summary_published_at is None
    assert not Notification.objects.exists()


def test_a_form_field_out_of_shape_is_a_message_not_an_error_page(client, people):
    client.force_login(people.facilitator)
    response = client.post(url(people), {"present": ["not-a-number"], "summary": "x"})
    assert response.status_code == 200
    assert not MeetingRecord.objects.exists()


# --- Action items.


def test_a_facilitator_adds_an_action_item_and_marks_it_done(client, people):
    client.force_login(people.facilitator)
    owner = people.memberships["citizen"]
    response = client.post(
        url(people, "action_item_add"),
        {"item-text": "Spørg elevrådet", "item-owner": owner.pk, "item-due_on": "2026-03-01"},
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert (item.text, item.owner, str(item.due_on)) == ("Spørg elevrådet", owner, "2026-03-01")

    assert client.post(url(people, "action_item_done", item.pk), {"done": "1"}).status_code == 302
    item.refresh_from_db()
    assert item.done_at is not None
    assert client.post(url(people, "action_item_done", item.pk), {"done": "0"}).status_code == 302
    item.refresh_from_db()
    assert item.done_at is None


def test_an_action_item_with_errors_keeps_the_input(client, people):
    client.force_login(people.facilitator)
    response = client.post(
        url(people, "action_item_add"),
        {"item-text": "Min opgave", "item-owner": people.other_membership.pk, "item-due_on": "i morgen"},
    )
    assert response.status_code == 200
    assert "Min opgave" in response.content.decode()
    assert not ActionItem.objects.exists()


def test_an_action_item_of_another_meeting_is_404(client, people):
    client.force_login(people.facilitator)
    other = ActionItemFactory()
    assert client.post(url(people, "action_item_done", other.pk), {"done": "1"}).status_code == 404


def test_get_on_a_post_only_address_changes_nothing(client, people):
    client.force_login(people.facilitator)
    item = ActionItemFactory(meeting=people.meeting)
    assert client.get(url(people, "action_item_done", item.pk)).status_code == 405
    item.refresh_from_db()
    assert item.done_at is None


# --- Attachments.


def test_a_pdf_is_uploaded(client, people):
    client.force_login(people.facilitator)
    response = client.post(
        url(people, "attachment_add"),
        {"attachment-title": "Oplæg", "attachment-file": SimpleUploadedFile("o.pdf", PDF)},
    )
    assert response.status_code == 302
    assert MeetingAttachment.objects.get().title == "Oplæg"


def test_a_fake_pdf_is_refused_with_a_message(client, people):
    client.force_login(people.facilitator)
    fake = SimpleUploadedFile("rapport.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    response = client.post(
        url(people, "attachment_add"), {"attachment-title": "Rapport", "attachment-file": fake}
    )

    assert response.status_code == 200
    content = response.content.decode()
    assert "This file is not a PDF" in content
    assert 'value="Rapport"' in content
    assert not MeetingAttachment.objects.exists()


@pytest.mark.parametrize("role", WRITERS + READERS)
def test_the_committee_downloads_an_attachment(client, people, role):
    sign_in(client, people, role)
    attachment = MeetingAttachmentFactory(meeting=people.meeting, title="Oplæg om trivsel")

    response = client.get(url(people, "attachment", attachment.pk))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="oplaeg-om-trivsel.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


def test_an_attachment_of_another_meeting_is_404(client, people):
    client.force_login(people.facilitator)
    other = MeetingAttachmentFactory()
    assert client.get(url(people, "attachment", other.pk)).status_code == 404


# --- Queries.


def _grow(people, *, members: int, items: int) -> None:
    for _ in range(members):
        MembershipFactory(committee=people.committee, citizen=True)
    memberships = list(people.committee.memberships.all())
    for n in range(items):
        ActionItemFactory(meeting=people.meeting, owner=memberships[n % len(memberships)])
        MeetingAttachmentFactory(meeting=people.meeting)
    people.meeting.record.present.set(memberships)


# About ten of these are the session, second-factor and role checks every signed-in page pays.
@pytest.mark.parametrize(("role", "most"), [("facilitator", 20), ("citizen", 17)])
def test_the_record_page_costs_the_same_queries_however_many_members_and_items(
    client, people, record, role, most
):
    sign_in(client, people, role)
    _grow(people, members=1, items=1)
    few = queries_for_page(client, url(people))
    _grow(people, members=12, items=15)
    many = queries_for_page(client, url(people))

    assert many == few
    assert few <= most


def test_before_the_meeting_starts_the_page_says_when_the_record_can_be_written(client, people):
    from datetime import timedelta

    from django.utils import timezone

    from committees.models import Meeting

    starts = timezone.now() + timedelta(days=2)
    Meeting.objects.filter(pk=people.meeting.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=2))
    client.force_login(people.facilitator)

    page = client.get(url(people)).content.decode()
    assert "The meeting has not started yet. Its record can be written from" in page
    assert 'id="record-form"' not in page
    assert "Publish the decision summary" not in page
    answer = client.post(url(people), {"summary": "Referat af et møde, der ikke er holdt.", "publish": "1"})
    assert answer.status_code == 200
    assert "The meeting has not started yet." in answer.content.decode()
    assert not MeetingRecord.objects.exists()
    assert not Notification.objects.exists()


def test_a_recorded_meeting_shows_as_held_beside_its_summary_on_the_public_page(client, people):
    client.force_login(people.facilitator)
    client.post(url(people), {"summary": "Udvalget mødtes.", "publish": "1"})
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    page = client.get(reverse("portal:committee", args=[people.committee.mandate.slug])).content.decode()
    plan = page.split('id="meetings-heading"')[1].split("</section>")[0]
    assert "Held" in plan and "Planned" not in plan
    assert "Udvalget mødtes." in page
