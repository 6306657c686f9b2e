"""Whether an official has a working second factor (allauth.mfa's TOTP), and whether this session has one."""

from __future__ import annotations

from allauth.mfa.models import Authenticator

from accounts.sso.session import session_sign_on


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def needs_password(request) -> bool:
    """Officials who sign in here need a password; one who came through the identity provider signed in
    there."""
    return session_sign_on(request) is None and not request.user.has_usable_password()


def session_has_second_factor(request) -> bool:
    """A password and TOTP (allauth asks for the code at every sign-in once it is set up); or, after single
    sign-on, the provider's word that it used several factors, else TOTP as after a password."""
    sign_on = session_sign_on(request)
    if sign_on is not None and sign_on.get("mfa"):
        return True
    return not needs_password(request) and has_second_factor(request.user)
