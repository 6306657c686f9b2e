"""Whether single sign-on is on, and the one allauth app the settings describe.

The app is built from the environment on each use; apps staff might add in the database are never read (an app
pointing at another provider could vouch for anyone's email address)."""

from __future__ import annotations

from django.conf import settings

PROVIDER = "openid_connect"  # allauth's OpenID Connect provider
PROVIDER_ID = "municipality"  # in the redirect URI: /accounts/oidc/municipality/login/callback/
DISCOVERY_PATH = "/.well-known/openid-configuration"


def sign_on_enabled() -> bool:
    """On when the provider's address, the client id and the secret are all set; off otherwise."""
    return bool(settings.SSO_SERVER_URL and settings.SSO_CLIENT_ID and settings.SSO_CLIENT_SECRET)


def sign_on_partly_configured() -> bool:
    given = [settings.SSO_SERVER_URL, settings.SSO_CLIENT_ID, settings.SSO_CLIENT_SECRET]
    return any(given) and not all(given)


def issuer() -> str:
    """SSO_SERVER_URL is the issuer, as the provider writes it in its tokens' `iss`."""
    return settings.SSO_SERVER_URL.removesuffix(DISCOVERY_PATH)


def municipality_app():
    """allauth's SocialApp for the municipality's provider (not saved), or None when single sign-on is off."""
    from allauth.socialaccount.models import SocialApp

    if not sign_on_enabled():
        return None
    auth_params = {"acr_values": settings.SSO_ACR_VALUES} if settings.SSO_ACR_VALUES else {}
    return SocialApp(
        provider=PROVIDER,
        provider_id=PROVIDER_ID,
        name=settings.SSO_NAME,
        client_id=settings.SSO_CLIENT_ID,
        secret=settings.SSO_CLIENT_SECRET,
        settings={
            "server_url": issuer().rstrip("/") + DISCOVERY_PATH,
            "scope": list(settings.SSO_SCOPES),
            "auth_params": auth_params,
            "oauth_pkce_enabled": True,
            # Tokens must name the configured issuer, whatever the discovery document claims to be.
            "openid_configuration_overrides": {"issuer": issuer()},
        },
    )
