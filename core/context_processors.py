from __future__ import annotations

from django.conf import settings


def site(request) -> dict[str, str]:
    # What staff and committees write (titles, mandates, profiles, texts) is in the site's first language,
    # also on English pages: templates mark it with lang="{{ content_language }}" (WCAG 3.1.2).
    return {
        "municipality_name": settings.MUNICIPALITY_NAME,
        "site_url": settings.SITE_URL,
        "content_language": settings.LANGUAGE_CODE,
    }
