"""The signed-in person kept between requests (accounts/identity.py): as strict as Django's own check.

Writes count when committed, so each runs inside `committed()` (tests/conftest.py).
"""

from __future__ import annotations

import pickle

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import User
from accounts.roles import COUNCIL_STAFF, POLITICIAN
from committees.models import Membership
from mandates.models import Mandate
from tests.committees.factories import MembershipFactory, TaskCommitteeFactory

pytestmark = pytest.mark.django_db
PAGE = reverse("deliberation:my_committees")
SECOND_FACTOR = reverse("accounts:second_factor_required")


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.SIGNED_IN_PAGE_CACHE_SECONDS = 60


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(PAGE).status_code == 200  # the person is read and kept
    return client


@pytest.mark.parametrize("person", ["politician", "citizen"])
def test_a_kept_person_costs_no_query_of_their_own(person, request, django_assert_max_num_queries):
    """The citizen's kept answer holds that they have no official's seat, the politician's their roles."""
    client = signed_in(request.getfixturevalue(person))
    client.get(PAGE)
    with django_assert_max_num_queries(1):  # the session (in the database here; in Redis in production)
        assert client.get(PAGE).status_code == 200


def test_the_cache_never_holds_the_password_hash(politician):
    signed_in(politician)
    held = [cache.get(key) for key in cache._cache if "identity" in key]  # the local cache of the tests
    assert held and politician.password.encode() not in pickle.dumps(held)


def _new_password(user):
    user.set_password("et helt nyt kodeord 2026")


def _deactivated(user):
    user.is_active = False


@pytest.mark.parametrize("change", [_new_password, _deactivated], ids=["password", "deactivated"])
def test_a_new_password_or_a_deactivated_account_signs_the_kept_session_out(politician, committed, change):
    client = signed_in(politician)
    with committed():
        change(politician)
        politician.save()
    response = client.get(PAGE)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_removed_authenticator_sends_the_official_to_set_up_a_second_factor(politician, committed):
    client = signed_in(politician)
    with committed():
        Authenticator.objects.filter(user=politician).delete()
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(SECOND_FACTOR)


def test_a_removed_role_is_seen_on_the_next_request(politician, committed):
    client = signed_in(politician)
    with committed():
        politician.groups.remove(Group.objects.get(name=POLITICIAN))
    response = client.get(PAGE)
    assert response.wsgi_request.user.is_authenticated
    assert POLITICIAN not in response.wsgi_request.user._samskab_roles


def test_a_forged_session_hash_is_refused(politician):
    client = signed_in(politician)
    session = client.session
    session["_auth_user_hash"] = "0" * 64
    session.save()
    response = client.get(PAGE)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_new_secret_key_ends_the_kept_sessions(politician, settings):
    client = signed_in(politician)
    settings.SECRET_KEY = "a-new-secret-key-that-is-long-enough-for-django-" + "x" * 20
    response = client.get(PAGE)
    assert response.status_code == 302 and "login" in response["Location"]


def test_saving_a_kept_person_keeps_their_password(citizen, committed):
    citizen.set_password("mit eget kodeord 2026")
    citizen.save()
    client = signed_in(citizen)
    client.get(PAGE)
    response = client.post(
        reverse("accounts:details"), {"full_name": "Ida Marie Jensen", "preferred_language": "da"}
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.full_name == "Ida Marie Jensen" and citizen.check_password("mit eget kodeord 2026")


def test_an_entry_kept_with_other_columns_is_never_read_into_these(politician):
    """A process of the previous release kept the person with a column more (a deploy under way)."""
    client = signed_in(politician)
    (key,) = [key for key in cache._cache if "identity" in key]
    key = key.split(":", 2)[-1]
    entry = cache.get(key)
    cache.set(key, {**entry, "fields": (*entry["fields"], "legacy"), "values": [*entry["values"], "x"]})
    user = client.get(PAGE).wsgi_request.user
    assert (user.email, user.is_superuser, user.is_staff) == (politician.email, False, politician.is_staff)


def _from_the_cache(response) -> bool:
    """Whether the request's person was rebuilt from the kept entry (it never holds the password)."""
    user = response.wsgi_request.user
    assert user.is_authenticated
    return "password" in user._wrapped.get_deferred_fields()


def test_a_write_to_other_tables_leaves_the_kept_person(politician, committed):
    """A committee created, an application sent or a score given moves the whole counter of writes (the
    page is rendered afresh), not the counter of the tables the person is read from."""
    client = signed_in(politician)
    with committed():
        TaskCommitteeFactory(name="Ny ungepolitik")
    assert _from_the_cache(client.get(PAGE))
    with committed():
        politician.groups.add(Group.objects.get(name=COUNCIL_STAFF))
    assert not _from_the_cache(client.get(PAGE))


def test_a_seat_given_to_someone_without_a_role_makes_them_an_official_at_once(citizen, committed):
    """The official's seat is read from the committees' memberships, a table the apps name for the person:
    the citizen kept as no official is asked for a second factor on the next request."""
    client = signed_in(citizen)
    with committed():
        MembershipFactory(user=citizen, role=Membership.Role.POLITICIAN, official_role=False)
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(SECOND_FACTOR)


def test_an_answer_read_from_a_table_nobody_named_is_never_kept(citizen):
    """A seat check that reads a table it did not name (a mistake in an app) is asked on every request
    rather than kept, since a write to that table would not make the kept answer old."""
    asked = []

    def reads_an_unnamed_table(user) -> bool:
        asked.append(user.pk)
        return Mandate.objects.filter(slug=f"seat-of-{user.pk}").exists()

    roles._OFFICIAL_SEAT_CHECKS.insert(0, reads_an_unnamed_table)
    try:
        client = signed_in(citizen)
        client.get(PAGE)
        client.get(PAGE)
    finally:
        roles._OFFICIAL_SEAT_CHECKS.remove(reads_an_unnamed_table)
    assert asked == [citizen.pk] * 3


def test_a_sign_in_leaves_the_others_kept_and_a_kept_person_reads_their_last_sign_in_afresh(
    politician, citizen, committed
):
    client = signed_in(politician)
    with committed():
        Client().force_login(citizen)  # writes the citizen's last sign-in time, and nothing else
    assert _from_the_cache(client.get(PAGE))
    with committed():
        Client().force_login(politician)  # the politician again, in another browser
    user = client.get(PAGE).wsgi_request.user
    politician.refresh_from_db()
    assert _from_the_cache(client.get(PAGE)) and user.last_login == politician.last_login


def test_a_write_of_the_last_sign_in_with_anything_else_makes_the_kept_person_old(politician, committed):
    client = signed_in(politician)
    with committed():
        User.objects.filter(pk=politician.pk).update(last_login=timezone.now(), is_active=False)
    response = client.get(PAGE)
    assert response.status_code == 302 and "login" in response["Location"]
