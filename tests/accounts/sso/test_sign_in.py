"""Officials sign in through the municipality's identity provider (a real OpenID Connect provider on
loopback): a person it vouches for with an official role is created; an existing account is linked by an
address the provider verified and by no other; a person without an official role is not created; a superuser
keeps to password and authenticator."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount
from django.urls import reverse

from accounts import roles
from accounts.models import ProviderRole, User
from accounts.roles import user_roles
from audit.models import Entry
from tests.factories import TEST_PASSWORD, UserFactory
from tests.support.identity_provider import MULTI_FACTOR, Person

pytestmark = pytest.mark.django_db

POLITICIANS = "sg-samskab-politikere"


@pytest.fixture(autouse=True)
def mapping(db):
    ProviderRole.objects.create(claim_value=POLITICIANS, role=roles.POLITICIAN, description="Politikere")


def anne(**changes) -> Person:
    values = {
        "login": "anne",
        "email": "anne.holm@gentofte.dk",
        "name": "Anne  Holm",
        "groups": [POLITICIANS],
        "amr": MULTI_FACTOR,
    }
    return Person(**{**values, **changes})


def signed_in_user(client) -> User | None:
    user = client.get(reverse("accounts:details")).wsgi_request.user
    return user if user.is_authenticated else None


def test_an_official_the_provider_vouches_for_is_created_with_the_role_the_mapping_gives(
    client, sign_on, sign_in_through_provider
):
    person = sign_on.add(anne())

    response = sign_in_through_provider(client, person)

    assert response.status_code == 302 and response["Location"] == reverse("home")
    user = User.objects.get(email="anne.holm@gentofte.dk")
    assert user.full_name == "Anne Holm"
    assert user_roles(user) == {roles.POLITICIAN}
    assert not user.has_usable_password()  # the provider is how Anne signs in
    assert user.emailaddress_set.get().verified
    assert SocialAccount.objects.get(user=user).uid == person.sub
    actions = list(Entry.objects.filter(object_id=str(user.pk)).values_list("action", "actor", "data"))
    assert ("user.created_via_sign_on", None, {"provider": "Gentofte Kommune"}) in actions
    assert ("user.role_granted", None, {"role": roles.POLITICIAN, "via": "single sign-on"}) in actions
    assert "user.linked_via_sign_on" not in {action for action, _actor, _data in actions}
    assert signed_in_user(client) == user


def test_the_page_asked_for_before_signing_in_is_where_the_person_lands(
    client, sign_on, sign_in_through_provider
):
    person = sign_on.add(anne())

    response = sign_in_through_provider(client, person, next_url="/committees/")

    assert response.status_code == 302 and response["Location"] == "/committees/"


def test_an_existing_account_is_linked_by_the_address_the_provider_verified(
    client, sign_on, sign_in_through_provider
):
    existing = UserFactory(email="anne.holm@gentofte.dk", full_name="Anne H.")
    person = sign_on.add(anne(email="Anne.Holm@gentofte.dk"))

    response = sign_in_through_provider(client, person)

    assert response.status_code == 302
    assert User.objects.count() == 1
    assert SocialAccount.objects.get(uid=person.sub).user == existing
    assert user_roles(User.objects.get(pk=existing.pk)) == {roles.POLITICIAN}
    linked = Entry.objects.get(action="user.linked_via_sign_on", object_id=str(existing.pk))
    assert linked.actor is None and linked.data == {"provider": "Gentofte Kommune", "subject": person.sub}
    assert signed_in_user(client) == existing

    # The next time, the provider's subject finds the account, whatever the address says.
    client.logout()
    sign_on.add(anne(email="a.holm@gentofte.dk", email_verified=False, sub=person.sub))
    assert sign_in_through_provider(client, person).status_code == 302
    assert signed_in_user(client) == existing


@pytest.mark.parametrize("verified", [False, None, "false"], ids=["false", "absent", "the-string-false"])
def test_an_address_the_provider_has_not_verified_links_no_account(
    client, english, sign_on, sign_in_through_provider, verified
):
    existing = UserFactory(email="anne.holm@gentofte.dk")
    person = sign_on.add(anne(email_verified=verified))

    response = sign_in_through_provider(client, person)

    assert response.status_code == 403
    assert "did not confirm that it has verified your email address" in response.content.decode()
    assert signed_in_user(client) is None
    assert not SocialAccount.objects.exists()
    assert User.objects.get() == existing and user_roles(existing) == frozenset()


def test_a_person_the_provider_has_not_verified_is_not_created_either(
    client, sign_on, sign_in_through_provider
):
    person = sign_on.add(anne(email_verified=False))

    assert sign_in_through_provider(client, person).status_code == 403
    assert not User.objects.exists()


def test_the_verified_claim_can_be_another_one_as_microsoft_entra_sends_it(
    client, sign_on, sign_in_through_provider, settings
):
    settings.SSO_EMAIL_VERIFIED_CLAIM = "xms_edov"
    existing = UserFactory(email="anne.holm@gentofte.dk")
    person = sign_on.add(anne(email_verified=None, extra_claims={"xms_edov": True}))

    assert sign_in_through_provider(client, person).status_code == 302
    assert signed_in_user(client) == existing

    # With that claim configured, email_verified alone no longer vouches for anyone.
    client.logout()
    other = sign_on.add(anne(login="bo", email="bo@gentofte.dk", email_verified=True))
    assert sign_in_through_provider(client, other).status_code == 403


def test_a_person_whose_claims_carry_no_official_role_is_not_created(
    client, english, sign_on, sign_in_through_provider
):
    person = sign_on.add(anne(groups=["sg-alle-medarbejdere"]))

    response = sign_in_through_provider(client, person)

    assert response.status_code == 403
    page = response.content.decode()
    assert "gives you no role in Samskab" in page and reverse("account_request_login_code") in page
    assert not User.objects.exists()


def test_an_existing_citizen_without_an_official_role_signs_in_as_a_citizen(
    client, english, sign_on, sign_in_through_provider
):
    citizen = UserFactory(email="anne.holm@gentofte.dk")
    person = sign_on.add(anne(groups=[]))

    response = sign_in_through_provider(client, person)

    assert response.status_code == 302
    assert (
        "no official role in Samskab, so you are signed in as a citizen" in client.get("/").content.decode()
    )
    assert signed_in_user(client) == citizen and user_roles(citizen) == frozenset()


def test_a_superuser_signs_in_with_password_and_authenticator_only(
    client, english, sign_on, sign_in_through_provider
):
    superuser = UserFactory(email="anne.holm@gentofte.dk", is_staff=True, is_superuser=True, totp=True)
    person = sign_on.add(anne())

    response = sign_in_through_provider(client, person)

    assert response.status_code == 403
    assert "signs in with its password" in response.content.decode()
    assert signed_in_user(client) is None
    superuser.refresh_from_db()
    assert superuser.is_superuser and superuser.check_password(TEST_PASSWORD)
    assert user_roles(superuser) == frozenset()


def test_the_provider_cannot_be_tied_to_whoever_is_signed_in(client, sign_on, citizen):
    """allauth's "connect" would link the provider's person to the account signed in, by no address at all."""
    from tests.support.identity_provider import local_path, sign_in_at

    person = sign_on.add(anne())
    client.force_login(citizen)
    start = client.post(
        reverse("openid_connect_login", kwargs={"provider_id": "municipality"}), {"process": "connect"}
    )
    response = client.get(local_path(sign_in_at(start["Location"], person)))

    assert response.status_code == 403
    assert not SocialAccount.objects.exists()
    assert user_roles(citizen) == frozenset()
