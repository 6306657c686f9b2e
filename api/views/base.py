"""What every resource shares: read only, numeric ids, answers from the cache, conditional answers."""

from __future__ import annotations

from rest_framework import viewsets

from api.caching import from_cache, keep
from api.conditional import conditional
from api.throttling import address_allowed


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "head", "options"]

    def dispatch(self, request, *args, **kwargs):
        # A stored answer skips the API's machinery; a refused address goes on to get its 429 problem.
        if address_allowed(request):
            stored = from_cache(request)
            if stored is not None:
                return stored
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        answer = conditional(request, response)  # renders the response
        keep(request._request, response)
        return answer
