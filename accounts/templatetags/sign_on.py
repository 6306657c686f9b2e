"""The single sign-on button and the provider's name for templates; nothing when it is off. No queries."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse

from accounts.sso.config import PROVIDER_ID, sign_on_enabled

register = template.Library()


@register.inclusion_tag("accounts/_sign_on.html", takes_context=True)
def sign_on_button(context, next_url: str = "") -> dict:
    if not sign_on_enabled():
        return {"enabled": False}
    return {
        "enabled": True,
        "provider_name": settings.SSO_NAME,
        "login_url": reverse("openid_connect_login", kwargs={"provider_id": PROVIDER_ID}),
        "next": next_url,
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag
def sign_on_name() -> str:
    return settings.SSO_NAME
