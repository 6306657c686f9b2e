"""The audit trail: written with the change, rolled back with it, read by staff only."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.urls import reverse

from audit.actions import action_label, register
from audit.models import Entry
from audit.services import entries_for, log
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_entry_names_the_object_the_action_and_the_person(staff, citizen):
    entry = log(citizen, "test.touched", by=staff, data={"field": "full_name"})

    assert entry.actor == staff
    assert entry.object_repr == str(citizen)
    assert list(entries_for(citizen)) == [entry]
    assert entry.data == {"field": "full_name"}


def test_an_anonymous_or_system_actor_is_stored_as_nobody(citizen):
    from django.contrib.auth.models import AnonymousUser

    assert log(citizen, "test.touched", by=AnonymousUser()).actor is None
    assert log(citizen, "test.touched", by=None).actor is None


def test_the_entry_is_rolled_back_with_the_change_it_records(citizen):
    with pytest.raises(RuntimeError), transaction.atomic():
        log(citizen, "test.touched", by=None)
        raise RuntimeError("the service failed after logging")

    assert not Entry.objects.exists()


def test_a_registered_action_reads_as_its_label_and_an_unknown_one_as_itself():
    register({"test.labelled": "Something labelled"})

    assert action_label("test.labelled") == "Something labelled"
    assert action_label("test.unknown") == "test.unknown"


def test_the_entry_outlives_the_object(citizen):
    entry = log(citizen, "test.touched", by=None)
    citizen.delete()

    entry.refresh_from_db()
    assert entry.object_repr == "Ida Jensen"


def test_staff_read_one_objects_trail_and_cannot_edit_it(client, staff, citizen):
    other = UserFactory()
    log(citizen, "test.touched", by=staff)
    log(other, "test.touched", by=staff)
    client.force_login(staff)

    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(citizen)
    url = reverse("admin:audit_entry_changelist")
    page = client.get(url, {"content_type__id__exact": content_type.pk, "object_id": citizen.pk})

    assert page.status_code == 200
    assert "Ida Jensen" in page.content.decode()
    assert str(other) not in page.content.decode()
    entry = Entry.objects.filter(object_id=str(citizen.pk)).get()
    deletion = client.post(reverse("admin:audit_entry_delete", args=[entry.pk]), {"post": "yes"})
    assert deletion.status_code == 403
    assert Entry.objects.filter(pk=entry.pk).exists()


def test_a_citizen_cannot_read_the_trail(client, citizen):
    client.force_login(citizen)

    response = client.get(reverse("admin:audit_entry_changelist"))

    assert response.status_code == 302  # the admin's door sends everyone but staff to sign in
