"""`seed_demo` makes the accounts README lists, and refuses on a live site."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts import roles
from accounts.models import User
from demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET
from demo.totp import totp_code

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


def test_a_demo_official_signs_in_with_the_documented_password_and_code(client):
    call_command("seed_demo", force=True)
    client.post(
        reverse("account_login"),
        {"login": "sekretariat@demo.samskab.dk", "password": DEMO_PASSWORD},
    )
    client.post(reverse("mfa_authenticate"), {"code": totp_code(DEMO_TOTP_SECRET)})
    assert client.get(reverse("admin:index")).status_code == 200
