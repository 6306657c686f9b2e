"""Whether an official has a working second factor (allauth.mfa's TOTP)."""

from __future__ import annotations

from allauth.mfa.models import Authenticator


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
