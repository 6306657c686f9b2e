"""Whether an official has a working second factor (allauth.mfa's TOTP), and whether this session has one."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.db.models import CharField, Value

from accounts.roles import OFFICIAL_ROLES, PASSWORD_USABLE_READ, ROLES_READ, TOTP_READ
from accounts.sso.session import session_sign_on

_TOTP_MARK = "totp"  # not a role name, so it cannot be mistaken for one


def has_second_factor(user) -> bool:
    cached = getattr(user, TOTP_READ, None)
    if cached is not None:
        return cached
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def guards_read(user) -> None:
    """Reads what the guard of every signed-in request asks about `user`, the official roles and whether
    they have TOTP, in one query instead of two, and keeps both on this request's user object."""
    if getattr(user, ROLES_READ, None) is not None:
        return
    roles = Group.objects.filter(user=user, name__in=OFFICIAL_ROLES).values_list("name", flat=True)
    totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
    names = set(roles.union(totp.values_list(Value(_TOTP_MARK, output_field=CharField())), all=True))
    setattr(user, ROLES_READ, frozenset(names - {_TOTP_MARK}))
    setattr(user, TOTP_READ, _TOTP_MARK in names)


def needs_password(request) -> bool:
    """Officials who sign in here need a password; one who came through the identity provider signed in
    there."""
    return session_sign_on(request) is None and not _password_usable(request.user)


def _password_usable(user) -> bool:
    """Read from the kept person when it came from the cache (accounts.identity), whose hash is deferred."""
    kept = getattr(user, PASSWORD_USABLE_READ, None)
    return user.has_usable_password() if kept is None else kept


def session_has_second_factor(request) -> bool:
    """A password and TOTP (allauth asks for the code at every sign-in once it is set up); or, after single
    sign-on, the provider's word that it used several factors, else TOTP as after a password."""
    sign_on = session_sign_on(request)
    if sign_on is not None and sign_on.get("mfa"):
        return True
    return not needs_password(request) and has_second_factor(request.user)
