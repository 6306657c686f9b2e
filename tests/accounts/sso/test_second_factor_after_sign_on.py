"""The second factor after single sign-on: when the provider's ID token says several factors were used (`amr`
holds "mfa", "otp" or "hwk", or `acr` is a value configured as multi-factor), Samskab's own TOTP is not asked
for again in that session; otherwise it is asked at sign-in, or set up (without a password) before any
official page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts import roles
from accounts.models import ProviderRole, User
from demo.totp import totp_code
from tests.e2e.visitor import code_from_mail_to
from tests.factories import TEST_PASSWORD, TOTP_SECRET, UserFactory
from tests.support.identity_provider import MULTI_FACTOR, ONE_FACTOR, Person

pytestmark = pytest.mark.django_db

POLITICIANS = "sg-politikere"
TWO_FACTORS_ACR = "urn:samskab:test:two-factors"


@pytest.fixture(autouse=True)
def mapping(db):
    ProviderRole.objects.create(claim_value=POLITICIANS, role=roles.POLITICIAN)


@pytest.fixture
def official(db):
    """A politician who set up Samskab's TOTP before single sign-on came."""
    return UserFactory(email="per@gentofte.dk", roles=[roles.POLITICIAN], totp=True)


def per(**changes) -> Person:
    return Person(**{"login": "per", "email": "per@gentofte.dk", "groups": [POLITICIANS], **changes})


def reaches_official_pages(client) -> bool:
    """A page for the signed-in: a stranger is sent to sign in, an official without a second factor to set
    one up."""
    response = client.get(reverse("deliberation:my_committees"))
    return response.status_code == 200


@pytest.mark.parametrize("amr", [["pwd", "mfa"], ["otp"], ["hwk", "pin"], ["pwd", "MFA"]])
def test_a_token_that_says_several_factors_were_used_stands_for_our_second_factor(
    client, official, sign_on, sign_in_through_provider, amr
):
    response = sign_in_through_provider(client, sign_on.add(per(amr=amr)))

    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert reaches_official_pages(client)


def test_an_official_without_samskabs_authenticator_needs_none_after_a_multi_factor_sign_on(
    client, sign_on, sign_in_through_provider
):
    sign_in_through_provider(client, sign_on.add(per(amr=MULTI_FACTOR)))  # created by the sign-in

    assert reaches_official_pages(client)
    assert client.get(reverse("accounts:second_factor_required"))["Location"] == "/"


def test_an_acr_configured_as_multi_factor_counts_too(
    client, official, sign_on, sign_in_through_provider, settings
):
    settings.SSO_MFA_ACR = [TWO_FACTORS_ACR]
    person = sign_on.add(per(amr=ONE_FACTOR, acr=TWO_FACTORS_ACR))

    response = sign_in_through_provider(client, person)

    assert response["Location"] == reverse("home")
    assert reaches_official_pages(client)


def test_without_the_claim_our_totp_is_asked_at_sign_in(client, official, sign_on, sign_in_through_provider):
    person = sign_on.add(per(amr=ONE_FACTOR, acr="urn:samskab:test:password"))

    response = sign_in_through_provider(client, person)

    assert response["Location"] == reverse("mfa_authenticate")
    assert not reaches_official_pages(client)  # not signed in until the code is given
    client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})
    assert reaches_official_pages(client)


def test_the_values_that_count_as_several_factors_are_configured(
    client, official, sign_on, sign_in_through_provider, settings
):
    settings.SSO_MFA_AMR = ["hwk"]

    response = sign_in_through_provider(client, sign_on.add(per(amr=MULTI_FACTOR)))

    assert response["Location"] == reverse("mfa_authenticate")


def test_an_official_without_totp_sets_one_up_after_a_one_factor_sign_on_and_needs_no_password(
    client, english, sign_on, sign_in_through_provider
):
    sign_in_through_provider(client, sign_on.add(per(amr=ONE_FACTOR)))

    assert not reaches_official_pages(client)
    page = client.get(reverse("accounts:second_factor_required"))
    assert page.context["needs_factor"] and not page.context["needs_password"]
    assert "Choose a password" not in page.content.decode()
    assert not User.objects.get(email="per@gentofte.dk").has_usable_password()


def test_the_providers_word_counts_for_that_session_only(client, official, sign_on, sign_in_through_provider):
    sign_in_through_provider(client, sign_on.add(per(amr=MULTI_FACTOR)))
    assert reaches_official_pages(client)
    client.logout()

    response = client.post(reverse("account_login"), {"login": official.email, "password": TEST_PASSWORD})

    assert response["Location"] == reverse("mfa_authenticate")
    assert not reaches_official_pages(client)


def test_without_a_password_the_setup_is_confirmed_with_a_code_by_email(
    client, sign_on, sign_in_through_provider
):
    sign_in_through_provider(client, sign_on.add(per(amr=ONE_FACTOR)))

    # allauth asks to confirm who it is before a security change: with no password, by a code by email.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_request_reauthentication_code"))
    sent = client.post(response["Location"], {"recipient": "per@gentofte.dk"})
    assert sent["Location"].startswith(reverse("account_confirm_reauthentication_code"))
    client.post(sent["Location"], {"code": code_from_mail_to("per@gentofte.dk")})

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    client.post(reverse("mfa_activate_totp"), {"code": totp_code(page.context["form"].secret)})
    assert reaches_official_pages(client)
