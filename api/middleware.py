"""Stored API answers, served before the site's session, sign-in and page machinery runs.

It sits right after CORS's middleware (so a stored answer still gets its CORS headers) and counts every
request under /api/ against the client address's rate limit first; an address over the limit goes on to
the view, which answers with the 429 problem."""

from __future__ import annotations

from api.caching import from_cache
from api.throttling import address_allowed

PREFIX = "/api/"


class StoredAnswerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(PREFIX) and address_allowed(request):
            stored = from_cache(request)
            if stored is not None:
                return stored
        return self.get_response(request)
