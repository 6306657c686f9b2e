"""allauth's hooks for single sign-on (SOCIALACCOUNT_ADAPTER, ACCOUNT_ADAPTER); the rules are in
sign_in.py."""

from __future__ import annotations

import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.stages import AuthenticateStage
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accounts.sso.config import municipality_app
from accounts.sso.services import sign_on_roles, sign_on_roles_apply, sign_on_user_created
from accounts.sso.sign_in import (
    email_addresses_verify,
    sign_in_refusal,
    used_multiple_factors_at,
)
from accounts.sso.views import refusal_response

logger = logging.getLogger(__name__)


class SignOnAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        """Only the app the environment describes; none while single sign-on is off."""
        app = municipality_app()
        if app is None or provider not in (None, app.provider, app.provider_id):
            return []
        if client_id not in (None, app.client_id):
            return []
        return [app]

    def authenticate_by_email(self, sociallogin):
        email_addresses_verify(sociallogin)  # before allauth looks for an account by a verified address
        return super().authenticate_by_email(sociallogin)

    def pre_social_login(self, request, sociallogin) -> None:
        email_addresses_verify(sociallogin)
        refusal = sign_in_refusal(sociallogin)
        if refusal is not None:
            logger.warning("Single sign-on refused (%s) for subject %s", refusal, sociallogin.account.uid)
            raise ImmediateHttpResponse(refusal_response(request, refusal))
        if sociallogin.is_existing:
            sign_on_roles_apply(user=sociallogin.user, extra_data=sociallogin.account.extra_data)
            if not sign_on_roles(sociallogin.account.extra_data):
                messages.info(
                    request,
                    _(
                        "Your account at %(provider)s gives you no official role in Samskab, so you are "
                        "signed in as a citizen."
                    )
                    % {"provider": settings.SSO_NAME},
                )

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return sign_in_refusal(sociallogin) is None

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.full_name = " ".join(str(data.get("name") or "").split())[:200]
        user.preferred_language = (get_language() or settings.LANGUAGE_CODE)[:2]
        return user

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        sign_on_user_created(user=user, extra_data=sociallogin.account.extra_data)
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        # What went wrong stays in the log for the operators (allauth's error wraps the token's own reason,
        # e.g. an expired signature or another issuer); the person reads a plain page.
        reason = getattr(exception, "__cause__", None) or exception
        logger.warning("Single sign-on failed: %s (%r)", error, reason)


class AccountAdapter(DefaultAccountAdapter):
    def get_login_stages(self) -> list[str]:
        ours = f"{SecondFactorStage.__module__}.{SecondFactorStage.__qualname__}"
        mfa = f"{AuthenticateStage.__module__}.{AuthenticateStage.__qualname__}"
        return [ours if path == mfa else path for path in super().get_login_stages()]


class SecondFactorStage(AuthenticateStage):
    """allauth's second-factor step, left out when the identity provider's token says the person has already
    used several factors."""

    def _should_handle(self, request) -> bool:
        sociallogin = (self.login.signal_kwargs or {}).get("sociallogin")
        if sociallogin is not None and used_multiple_factors_at(sociallogin):
            return False
        return super()._should_handle(request)
