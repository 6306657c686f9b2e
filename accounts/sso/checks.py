"""The configuration of single sign-on is checked at start: half a configuration or a wrong role map is an
error, not a button that fails when an official presses it."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

from accounts.sso.config import issuer, sign_on_enabled, sign_on_partly_configured
from accounts.sso.mapping import role_map_parse


@register(Tags.security)
def sign_on_configuration(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    if sign_on_partly_configured():
        errors.append(
            Error(
                "Single sign-on needs SSO_SERVER_URL, SSO_CLIENT_ID and SSO_CLIENT_SECRET together; "
                "some are set, some are not.",
                id="samskab.sso.E001",
            )
        )
    try:
        role_map_parse(settings.SSO_ROLE_MAP)
    except ValueError as error:
        errors.append(Error(str(error), id="samskab.sso.E002"))
    return errors


@register(Tags.security, deploy=True)
def sign_on_over_https(app_configs=None, **kwargs) -> list[Error]:
    if sign_on_enabled() and not issuer().startswith("https://"):
        return [Error("SSO_SERVER_URL must start with https:// in production.", id="samskab.sso.E003")]
    return []
