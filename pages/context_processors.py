from __future__ import annotations

from django.conf import settings


def site(request) -> dict[str, str]:
    return {"municipality_name": settings.MUNICIPALITY_NAME, "site_url": settings.SITE_URL}
