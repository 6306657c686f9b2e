"""`check --deploy` refuses development services in a deployment."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register

DEVELOPMENT_MAIL = ("console", "locmem", "filebased", "dummy")


@register(Tags.security, deploy=True)
def production_services(app_configs=None, **kwargs) -> list[Error]:
    errors = []
    if any(kind in settings.EMAIL_BACKEND for kind in DEVELOPMENT_MAIL):
        errors.append(
            Error(
                "EMAIL_URL names a development mail backend: no mail would reach anyone.", id="samskab.E001"
            )
        )
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        errors.append(
            Error("DATABASE_URL points to SQLite; use PostgreSQL in production.", id="samskab.E002")
        )
    if not settings.SITE_URL.startswith("https://"):
        errors.append(
            Error("SITE_URL must start with https:// (it goes into every email).", id="samskab.E003")
        )
    if "locmem" in settings.CACHES["default"]["BACKEND"]:
        errors.append(Error("REDIS_URL is not set: rate limits would be per process.", id="samskab.E004"))
    behind_proxy = bool(getattr(settings, "SECURE_PROXY_SSL_HEADER", None))
    trusted = settings.ALLAUTH_TRUSTED_PROXY_COUNT > 0 or settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER
    if behind_proxy and not trusted:
        errors.append(
            Error(
                "The site runs behind a TLS proxy, but ALLAUTH_TRUSTED_PROXY_COUNT (or "
                "ALLAUTH_TRUSTED_CLIENT_IP_HEADER) is not set: every visitor would share the proxy's "
                "address, and ten failed sign-ins from anyone would lock everyone out.",
                id="samskab.E005",
            )
        )
    return errors
