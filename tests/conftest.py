"""The named cast of the tests (STYLE.md): each fixture is one person the platform serves."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings

from accounts import roles
from tests.factories import UserFactory

# The same examples on every run: CI must not pass or fail by the luck of a random seed.
hypothesis_settings.register_profile("samskab", derandomize=True, deadline=None, print_blob=True)
hypothesis_settings.load_profile("samskab")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # allauth's rate limits live in the cache; no test should inherit another's attempts.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The permission matrix's world (tests/access/world.py), built once per module inside a transaction
    that is rolled back when the module is done; each test runs in its own savepoint on top."""
    from tests.access.world import build_world
    from tests.support.module_data import kept_for_the_module

    with kept_for_the_module(django_db_blocker, build_world) as world:
        yield world


@pytest.fixture
def citizen(db):
    return UserFactory(full_name="Ida Jensen", email="ida@example.dk")


@pytest.fixture
def english_citizen(db):
    return UserFactory(full_name="Noah Hansen", email="noah@example.dk", preferred_language="en")


@pytest.fixture
def politician(db):
    return UserFactory(full_name="Anne Holm", roles=[roles.POLITICIAN], totp=True)


@pytest.fixture
def facilitator(db):
    return UserFactory(full_name="Frida Madsen", roles=[roles.FACILITATOR], totp=True)


@pytest.fixture
def staff(db):
    return UserFactory(full_name="Sara Sekretær", roles=[roles.COUNCIL_STAFF], is_staff=True, totp=True)


@pytest.fixture
def staff_without_second_factor(db):
    return UserFactory(full_name="Sam Uden", roles=[roles.COUNCIL_STAFF], is_staff=True)


@pytest.fixture
def politician_without_second_factor(db):
    return UserFactory(full_name="Per Uden", roles=[roles.POLITICIAN])


@pytest.fixture
def english(client):
    """Read messages and pages in English (the site opens in Danish; the switch sets a cookie)."""
    from django.conf import settings
    from django.utils import translation

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Inside, writes count as if committed (core.write_version: kept pages and people become old).
    A transaction asks for one count however many writes it makes: the count the test's own setup asked
    for is taken back, so the one inside is asked for anew."""

    @contextmanager
    def inside():
        from django.db import connection

        from core import write_version

        connection.run_on_commit = [c for c in connection.run_on_commit if not write_version.is_count(c[1])]
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return inside
