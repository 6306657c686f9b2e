"""The sign-in pages' forms post to our own address, which redirects to the identity provider. Browsers hold
that redirect to the page's Content-Security-Policy `form-action` ('self' only), so those two pages also
allow the provider's origin (its authorization endpoint is on the issuer's origin, as Entra ID's and the
brokers' are)."""

from __future__ import annotations

from urllib.parse import urlsplit

from accounts.sso.config import issuer, sign_on_enabled

PAGES_WITH_THE_BUTTON = {"account_login", "openid_connect_login"}


def issuer_origin() -> str:
    parts = urlsplit(issuer())
    return f"{parts.scheme}://{parts.netloc}"


class SignOnFormActionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name in PAGES_WITH_THE_BUTTON and sign_on_enabled():
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [*update.get("form-action", []), issuer_origin()]
            response._csp_update = update  # read by django-csp's middleware, which runs after this one
        return response
