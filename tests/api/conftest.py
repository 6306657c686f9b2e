"""The demo data, built once for a module: what the leak walk, the schema's property tests and the
journalist's script read."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.support.module_data import kept_for_the_module


def _seed() -> None:
    call_command("seed_demo", force=True, verbosity=0)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    # The demo's officials and texts; the rate limit is lifted, as these tests ask many questions at once.
    with (
        override_settings(ACCOUNT_RATE_LIMITS={"api": ""}),
        kept_for_the_module(django_db_blocker, _seed),
    ):
        yield
