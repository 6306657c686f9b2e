"""Danish unless the visitor chose otherwise: the language comes from the switch, not the browser."""

from __future__ import annotations

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """A Danish municipality's site opens in Danish; the language switch (a cookie) changes that.

    Django's own middleware would follow the browser's Accept-Language, so a visitor on an English
    browser would never see the Danish texts that are the authoritative ones.
    """

    def process_request(self, request) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
