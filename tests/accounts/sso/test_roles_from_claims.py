"""At each sign-in through the identity provider, its group or role claims decide the official roles,
through the mapping superusers keep (and SSO_ROLE_MAP): roles the claims no longer carry are removed, one
given by hand included, and with them the seats they carried; each change is in the audit trail."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts import roles
from accounts.models import ProviderRole, User
from accounts.roles import user_roles
from audit.models import Entry
from committees.models import Membership
from tests.committees.factories import MembershipFactory
from tests.factories import UserFactory
from tests.support.identity_provider import MULTI_FACTOR, Person

pytestmark = pytest.mark.django_db

POLITICIANS, FACILITATORS, SECRETARIAT = "sg-politikere", "sg-facilitatorer", "sg-sekretariat"


@pytest.fixture(autouse=True)
def mapping(db):
    for value, role in (
        (POLITICIANS, roles.POLITICIAN),
        (FACILITATORS, roles.FACILITATOR),
        (SECRETARIAT, roles.COUNCIL_STAFF),
    ):
        ProviderRole.objects.create(claim_value=value, role=role)


def frida(groups: list[str], **changes) -> Person:
    return Person(login="frida", email="frida@gentofte.dk", groups=groups, amr=MULTI_FACTOR, **changes)


def trail(user: User, action: str) -> list[dict]:
    return list(Entry.objects.filter(object_id=str(user.pk), action=action).values_list("data", flat=True))


def test_a_role_the_claims_no_longer_carry_is_removed_and_ends_the_seats_it_carried(
    client, sign_on, sign_in_through_provider
):
    person = sign_on.add(frida([POLITICIANS, FACILITATORS]))
    sign_in_through_provider(client, person)
    user = User.objects.get(email="frida@gentofte.dk")
    assert user_roles(user) == {roles.POLITICIAN, roles.FACILITATOR}
    seat = MembershipFactory(user=user, role=Membership.Role.POLITICIAN)
    facilitating = MembershipFactory(user=user, role=Membership.Role.FACILITATOR)

    client.logout()
    sign_on.add(frida([FACILITATORS], sub=person.sub))
    assert sign_in_through_provider(client, person).status_code == 302

    user = User.objects.get(pk=user.pk)
    assert user_roles(user) == {roles.FACILITATOR}
    seat.refresh_from_db()
    facilitating.refresh_from_db()
    assert seat.left_on == timezone.localdate() and facilitating.left_on is None
    assert {"role": roles.POLITICIAN, "via": "single sign-on"} in trail(user, "user.role_removed")
    ended = Entry.objects.get(action="membership.ended", object_id=str(seat.pk))
    assert ended.actor is None and ended.data["reason"] == "official role removed"


def test_a_role_given_by_hand_goes_when_the_claims_do_not_carry_it(client, sign_on, sign_in_through_provider):
    user = UserFactory(email="frida@gentofte.dk", roles=[roles.POLITICIAN, roles.FACILITATOR], totp=True)
    person = sign_on.add(frida([FACILITATORS]))

    sign_in_through_provider(client, person)

    assert user_roles(User.objects.get(pk=user.pk)) == {roles.FACILITATOR}


def test_a_person_whose_claims_carry_no_official_role_keeps_none(client, sign_on, sign_in_through_provider):
    user = UserFactory(email="frida@gentofte.dk", roles=[roles.POLITICIAN], totp=True)
    seat = MembershipFactory(user=user, role=Membership.Role.POLITICIAN)
    person = sign_on.add(frida(["sg-alle-medarbejdere"]))

    sign_in_through_provider(client, person)

    user = User.objects.get(pk=user.pk)
    assert user_roles(user) == frozenset() and not user.is_staff
    seat.refresh_from_db()
    assert seat.left_on is not None
    # Without an official role or seat the person is a citizen: no second factor asked, no official pages.
    assert client.get("/").status_code == 200


def test_council_staff_get_staff_status_with_the_role_and_lose_it_with_the_role(
    client, sign_on, sign_in_through_provider
):
    person = sign_on.add(frida([SECRETARIAT]))
    sign_in_through_provider(client, person)
    user = User.objects.get(email="frida@gentofte.dk")
    assert user.is_staff and user_roles(user) == {roles.COUNCIL_STAFF}
    assert client.get("/admin/").status_code == 200

    client.logout()
    sign_on.add(frida([POLITICIANS], sub=person.sub))
    sign_in_through_provider(client, person)
    user = User.objects.get(pk=user.pk)
    assert not user.is_staff and user_roles(user) == {roles.POLITICIAN}
    assert client.get("/admin/", follow=True).status_code == 403
    assert {"role": "staff status", "via": "single sign-on"} in trail(user, "user.role_removed")


def test_an_unchanged_sign_in_writes_nothing_to_the_trail(client, sign_on, sign_in_through_provider):
    person = sign_on.add(frida([POLITICIANS]))
    sign_in_through_provider(client, person)
    entries = Entry.objects.count()

    client.logout()
    sign_in_through_provider(client, person)

    assert Entry.objects.count() == entries


def test_the_environment_adds_groups_whose_names_hold_commas_and_equal_signs(
    client, sign_on, sign_in_through_provider, settings
):
    settings.SSO_ROLE_MAP = "facilitator=CN=Facilitatorer,OU=Grupper,DC=gentofte,DC=dk; politician=unused"
    person = sign_on.add(frida(["cn=facilitatorer,ou=grupper,dc=gentofte,dc=dk"]))

    sign_in_through_provider(client, person)

    assert user_roles(User.objects.get(email="frida@gentofte.dk")) == {roles.FACILITATOR}


def test_the_claims_that_carry_groups_are_configured(client, sign_on, sign_in_through_provider, settings):
    settings.SSO_ROLE_CLAIMS = ["roles"]
    person = sign_on.add(frida([POLITICIANS], extra_claims={"roles": [FACILITATORS]}))

    sign_in_through_provider(client, person)

    assert user_roles(User.objects.get(email="frida@gentofte.dk")) == {roles.FACILITATOR}
