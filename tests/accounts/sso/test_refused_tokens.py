"""What Samskab refuses from the identity provider, or from someone posing as it: a token from another issuer
or meant for another application, an expired token, a state that was already used or never issued. Each ends
on a plain page in the person's language with nobody signed in; a cancelled sign-in says so."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from allauth.socialaccount.models import SocialAccount
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import ProviderRole, User
from tests.support.identity_provider import (
    MULTI_FACTOR,
    Person,
    authorization_request,
    cancel_at,
    local_path,
    sign_in_at,
)

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("openid_connect_login", kwargs={"provider_id": "municipality"})


@pytest.fixture(autouse=True)
def mapping(db):
    ProviderRole.objects.create(claim_value="sg-politikere", role=roles.POLITICIAN)


def ida(**changes) -> Person:
    values = {"login": "ida", "email": "ida@gentofte.dk", "groups": ["sg-politikere"], "amr": MULTI_FACTOR}
    return Person(**{**values, **changes})


def redirected_back(client, sign_on, person: Person) -> str:
    """The callback address the provider sends the person back with (code and state), not yet followed."""
    start = client.post(LOGIN_URL)
    return local_path(sign_in_at(start["Location"], person))


def another_browser() -> Client:
    """Someone else's browser, reading English."""
    browser = Client()
    browser.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return browser


def assert_refused(response, caplog=None, reason: str = "") -> None:
    """Refused with a plain page; the log tells the operators why (`reason`: the token check that failed)."""
    assert response.status_code == 401
    assert "Signing in did not succeed" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert not User.objects.exists() and not SocialAccount.objects.exists()
    if reason:
        assert reason in caplog.text


def test_a_token_from_another_issuer_is_refused(client, english, sign_on, settings, caplog):
    # The same provider reached by another name: its tokens name 127.0.0.1, Samskab expects localhost.
    settings.SSO_SERVER_URL = sign_on.issuer.replace("127.0.0.1", "localhost")
    person = sign_on.add(ida())

    assert_refused(client.get(redirected_back(client, sign_on, person)), caplog, "InvalidIssuerError")


def test_a_token_meant_for_another_application_is_refused(client, english, sign_on, caplog):
    person = sign_on.add(ida(id_token_audience="another-application"))

    assert_refused(client.get(redirected_back(client, sign_on, person)), caplog, "InvalidAudienceError")


def test_an_expired_token_is_refused(client, english, sign_on, caplog):
    person = sign_on.add(ida(id_token_ttl=1))
    callback = redirected_back(client, sign_on, person)

    # A minute later by Samskab's clock: the provider's one-second token has expired on the way.
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        response = client.get(callback)

    assert_refused(response, caplog, "ExpiredSignatureError")


def test_a_used_state_cannot_sign_anyone_in_again(client, english, sign_on):
    person = sign_on.add(ida())
    callback = redirected_back(client, sign_on, person)
    assert client.get(callback).status_code == 302
    client.logout()  # which forgets the language cookie too
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    User.objects.all().delete()  # what follows must create nobody either

    assert_refused(client.get(callback))  # the same browser
    assert_refused(another_browser().get(callback))  # another one, given the address


def test_a_state_never_issued_is_refused(client, english, sign_on):
    person = sign_on.add(ida())
    callback = redirected_back(client, sign_on, person)
    forged = callback.replace("state=", "state=forged")

    assert_refused(client.get(forged))


def test_a_browser_that_did_not_start_the_sign_in_cannot_finish_it(client, english, sign_on):
    """Login CSRF: someone who sends their own callback address to another person signs nobody in."""
    person = sign_on.add(ida())
    callback = redirected_back(client, sign_on, person)

    assert_refused(another_browser().get(callback))


def test_a_cancelled_sign_in_says_so_and_signs_nobody_in(client, english, sign_on):
    start = client.post(LOGIN_URL)
    response = client.get(local_path(cancel_at(start["Location"])), follow=True)

    assert response.redirect_chain[-1][0] == reverse("socialaccount_login_cancelled")
    assert "You cancelled signing in with Gentofte Kommune" in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_the_request_to_the_provider_carries_state_and_pkce(client, sign_on, settings):
    settings.SSO_ACR_VALUES = "urn:samskab:test:two-factors"

    request = authorization_request(client.post(LOGIN_URL)["Location"])

    assert request["client_id"] == "samskab" and request["response_type"] == "code"
    assert set(request["scope"].split()) == {"openid", "profile", "email", "groups"}
    assert request["redirect_uri"] == "http://testserver/accounts/oidc/municipality/login/callback/"
    assert len(request["state"]) >= 16 and request["code_challenge_method"] == "S256"
    assert request["acr_values"] == "urn:samskab:test:two-factors"
