"""Single sign-on is configured from the environment alone: without SSO_SERVER_URL, SSO_CLIENT_ID and
SSO_CLIENT_SECRET there is no button and none of its pages answers; with them the sign-in page offers
officials (and only them) the button. allauth's pages for linking accounts and signing up stay closed, and an
app added in the database is never used. Half a configuration, or a wrong role map, stops the start."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialApp
from django.core.checks import run_checks
from django.urls import reverse

from accounts.sso.config import municipality_app

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("openid_connect_login", kwargs={"provider_id": "municipality"})
SIGN_ON_PAGES = [LOGIN_URL, "/accounts/3rdparty/login/cancelled/", "/accounts/3rdparty/login/error/"]


def test_without_configuration_there_is_no_button_and_no_page(client, english):
    assert municipality_app() is None
    page = client.get(reverse("account_login")).content.decode()
    assert "Officials: sign in with" not in page and LOGIN_URL not in page
    for path in SIGN_ON_PAGES:
        assert client.get(path).status_code == 404, path
    assert client.post(LOGIN_URL).status_code == 404


def test_an_app_in_the_database_is_never_used(client, settings):
    SocialApp.objects.create(
        provider="openid_connect",
        provider_id="municipality",
        name="Someone else's provider",
        client_id="x",
        secret="y",
        settings={"server_url": "https://idp.example.com"},
    )

    assert client.post(LOGIN_URL).status_code == 404
    settings.SSO_SERVER_URL, settings.SSO_CLIENT_ID = "https://login.example.dk/tenant/v2.0", "samskab"
    settings.SSO_CLIENT_SECRET = "s"
    assert municipality_app().settings["server_url"] == (
        "https://login.example.dk/tenant/v2.0/.well-known/openid-configuration"
    )


def test_with_configuration_officials_are_offered_the_button(client, english, sign_on):
    page = client.get(reverse("account_login") + "?next=/my/committees/").content.decode()

    assert "Officials: sign in with Gentofte Kommune" in page
    assert f'action="{LOGIN_URL}"' in page
    assert '<input type="hidden" name="next" value="/my/committees/">' in page
    assert "This is not for citizens" in page
    # The page citizens use has no such button.
    assert "Officials: sign in with" not in client.get(reverse("account_request_login_code")).content.decode()


def test_a_link_to_the_providers_sign_in_asks_to_continue_instead_of_leaving(client, english, sign_on):
    response = client.get(LOGIN_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Sign in with Gentofte Kommune" in page and "Continue" in page
    assert reverse("account_request_login_code") in page


@pytest.mark.parametrize("path", ["/accounts/3rdparty/", "/accounts/3rdparty/signup/"])
def test_linking_accounts_by_hand_and_signing_up_through_the_provider_stay_closed(
    client, citizen, sign_on, path
):
    assert client.get(path).status_code == 404
    client.force_login(citizen)
    assert client.get(path).status_code == 404


def test_the_pages_after_a_failed_sign_in_answer_while_it_is_on(client, english, sign_on):
    assert "You cancelled signing in" in client.get("/accounts/3rdparty/login/cancelled/").content.decode()
    assert "Signing in did not succeed" in client.get("/accounts/3rdparty/login/error/").content.decode()


def errors(ids_prefix: str = "samskab.sso") -> list[str]:
    return [
        message.id
        for message in run_checks(include_deployment_checks=True)
        if message.id.startswith(ids_prefix)
    ]


def test_half_a_configuration_is_an_error(settings):
    settings.SSO_SERVER_URL = "https://login.example.dk/tenant/v2.0"
    assert errors() == ["samskab.sso.E001"]
    settings.SSO_CLIENT_ID, settings.SSO_CLIENT_SECRET = "samskab", "secret"
    assert errors() == []


def test_a_wrong_role_map_is_an_error(settings):
    settings.SSO_ROLE_MAP = "mayor=sg-borgmester"
    assert errors() == ["samskab.sso.E002"]


def test_the_provider_is_reached_over_https_in_production(settings):
    settings.SSO_SERVER_URL, settings.SSO_CLIENT_ID, settings.SSO_CLIENT_SECRET = "http://idp", "c", "s"
    assert errors() == ["samskab.sso.E003"]


def form_action(response) -> str:
    directives = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";") if " " in part
    )
    return directives["form-action"]


def test_only_the_pages_with_the_button_may_post_on_to_the_provider(client, sign_on):
    origin = sign_on.issuer  # http://127.0.0.1:<port>

    assert origin in form_action(client.get(reverse("account_login")))
    assert origin in form_action(client.get(LOGIN_URL))
    assert origin not in form_action(client.get(reverse("account_signup")))
    assert origin not in form_action(client.get(reverse("home")))


def test_without_configuration_the_sign_in_page_posts_to_itself_only(client):
    assert form_action(client.get(reverse("account_login"))) == "'self'"
