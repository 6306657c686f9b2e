"""The demo, seeded once per test module (tests.support.module_data); each test runs in its own savepoint
on top. The youth policy ("Ungepolitik 2025") has run the whole loop there: seven held meetings with
published summaries, a submitted version, a route through a standing committee and the City Council, one
accepted and one rejected amendment, and the Council's endorsement with amendments."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from accounts.models import User
from tests.support.module_data import kept_for_the_module

YOUTH = "ungepolitik-2025"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with kept_for_the_module(
        django_db_blocker, lambda: call_command("seed_demo", force=True, stdout=io.StringIO())
    ):
        yield


@pytest.fixture
def demo_staff(demo, db) -> User:
    return User.objects.get(email="sekretariat@demo.samskab.dk")
