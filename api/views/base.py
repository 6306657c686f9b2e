"""What every resource shares: read only, numeric ids, answers stored for the next reader (served by
api.middleware.StoredAnswerMiddleware), conditional answers."""

from __future__ import annotations

from rest_framework import viewsets

from api.caching import keep
from api.conditional import conditional


class PublicViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_value_regex = "[0-9]+"
    http_method_names = ["get", "head", "options"]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        answer = conditional(request, response)  # renders the response
        keep(request._request, response)
        return answer
