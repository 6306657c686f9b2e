"""What every resource shares: read only, numeric ids, conditional answers."""

from __future__ import annotations

from rest_framework import viewsets

from api.caching import cached_answer, keep
from api.conditional import conditional


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "head", "options"]

    def list(self, request, *args, **kwargs):
        return cached_answer(request, lambda: super(PublicViewSet, self).list(request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        return cached_answer(request, lambda: super(PublicViewSet, self).retrieve(request, *args, **kwargs))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        answer = conditional(request, response)  # renders the response
        keep(response)
        return answer
