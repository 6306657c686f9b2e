"""`seed_demo` makes the accounts README lists, and refuses on a live site."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import roles
from accounts.models import User
from audit.models import Entry
from demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET
from demo.totp import totp_code
from mandates.models import Mandate
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_seed_demo_creates_the_cast_and_can_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    counts = {role: User.objects.filter(groups__name=role).count() for role in roles.OFFICIAL_ROLES}
    assert counts == {roles.COUNCIL_STAFF: 1, roles.POLITICIAN: 5, roles.FACILITATOR: 3}
    assert User.objects.filter(groups__isnull=True).count() >= 5
    _the_history_went_through_the_services()


def _the_history_went_through_the_services() -> None:
    """The finished committee's record, delivery, review and decision have the audit entries (with who)
    and the outbox rows real use leaves, once, however often the seed runs."""
    youth = Mandate.objects.get(slug="ungepolitik-2025")
    staff = User.objects.get(email="sekretariat@demo.samskab.dk")
    decided = Entry.objects.filter(action="amendment.decided")
    assert decided.count() == 2 and {entry.actor for entry in decided} == {staff}
    assert Entry.objects.filter(action="council.decided", actor=staff).count() == 1
    moves = Entry.objects.filter(action="mandate.moved", object_id=str(youth.pk))
    assert [entry.data["to"] for entry in moves.order_by("id")][-3:] == [
        "in_review",
        "endorsed",
        "implementing",
    ]
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"summary_published", "deliverable_submitted", "council_decided"} <= kinds
    assert Notification.objects.filter(kind="council_decided").count() == youth.committee.memberships.count()
    seats_given = Entry.objects.filter(action="membership.added", actor=staff)
    assert set(youth.committee.memberships.values_list("pk", flat=True)) <= {
        int(entry.object_id) for entry in seats_given
    }


def test_a_demo_official_signs_in_with_the_documented_password_and_code(client):
    call_command("seed_demo", force=True)
    client.post(
        reverse("account_login"),
        {"login": "sekretariat@demo.samskab.dk", "password": DEMO_PASSWORD},
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)})
    assert client.get(reverse("admin:index")).status_code == 200
