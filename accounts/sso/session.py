"""What a sign-in through the identity provider leaves in the session: that it happened, and whether the
provider's token said several factors were used. Any other sign-in clears it."""

from __future__ import annotations

SESSION_KEY = "_samskab_sign_on"


def session_sign_on(request) -> dict | None:
    """{"mfa": bool} when this session began with single sign-on, else None."""
    session = getattr(request, "session", None)
    return session.get(SESSION_KEY) if session is not None else None


def signed_on_with_multiple_factors(request) -> bool:
    return bool((session_sign_on(request) or {}).get("mfa"))


def session_mark(sender, request, user, sociallogin=None, **kwargs) -> None:
    """Receives allauth's user_logged_in once a sign-in is complete (every step, the second factor
    included)."""
    from accounts.sso.sign_in import used_multiple_factors_at

    if sociallogin is None:
        request.session.pop(SESSION_KEY, None)
    else:
        request.session[SESSION_KEY] = {"mfa": used_multiple_factors_at(sociallogin)}
