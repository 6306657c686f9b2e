"""Who may sign in through the municipality's identity provider, and who is created by it.

- An account already linked to the person (by the provider's subject, `sub`) signs in; so does an existing
  account whose address the provider says it has verified (SSO_EMAIL_VERIFIED_CLAIM), which is then linked.
  An address the provider has not verified links nothing: someone could have typed anyone's address there.
- A person without an account is created when the claims carry a verified address and an official role.
  Citizens do not sign up this way: they sign in with a code by email.
- A superuser signs in with password and authenticator only: superuser powers do not ride on another system.
- At each sign-in the claims decide the official roles (services.sign_on_roles_apply).
- The second factor: a token whose `amr`/`acr` says several factors were used (SSO_MFA_AMR, SSO_MFA_ACR)
  stands for Samskab's own for that session; any other sign-in through the provider asks for it as usual.
"""

from __future__ import annotations

import enum

from django.conf import settings

from accounts.models import User
from accounts.sso.claims import claims_of, id_token_of, used_multiple_factors, verified_email
from accounts.sso.services import sign_on_roles


class Refusal(enum.StrEnum):
    NOT_A_SIGN_IN = "not-a-sign-in"
    UNVERIFIED_EMAIL = "unverified-email"
    NO_ROLE = "no-role"
    SUPERUSER = "superuser"
    ACCOUNT_NOT_LINKED = "account-not-linked"


def the_verified_email(sociallogin) -> str:
    return verified_email(claims_of(sociallogin.account.extra_data), settings.SSO_EMAIL_VERIFIED_CLAIM)


def email_addresses_verify(sociallogin) -> None:
    """allauth reads `email_verified` itself; here only the configured claim verifies an address, and only the
    address it vouches for."""
    verified = the_verified_email(sociallogin).casefold()
    for address in sociallogin.email_addresses:
        address.verified = bool(verified) and address.email.casefold() == verified


def used_multiple_factors_at(sociallogin) -> bool:
    return used_multiple_factors(
        id_token_of(sociallogin.account.extra_data),
        amr_values=settings.SSO_MFA_AMR,
        acr_values=settings.SSO_MFA_ACR,
    )


def sign_in_refusal(sociallogin) -> Refusal | None:
    """Why this sign-in may not go on, or None. Called after allauth looked the person up."""
    if sociallogin.state.get("process", "login") != "login":
        return Refusal.NOT_A_SIGN_IN  # "connect" would tie the provider's person to whoever is signed in
    if sociallogin.is_existing:
        return Refusal.SUPERUSER if sociallogin.user.is_superuser else None
    email = the_verified_email(sociallogin)
    if not email:
        return Refusal.UNVERIFIED_EMAIL
    if User.objects.filter(email__iexact=email).exists():
        return Refusal.ACCOUNT_NOT_LINKED  # allauth would not link it (e.g. it is closed)
    if not sign_on_roles(sociallogin.account.extra_data):
        return Refusal.NO_ROLE
    return None
