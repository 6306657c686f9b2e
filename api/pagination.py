"""Cursor pagination: stable pages however the data changes between two requests, and no page count
that would cost a COUNT over the whole table."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = _("How many records a page holds (1–200, 50 unless given).")
    max_page_size = 200
    ordering = "id"  # ids only grow: a new record never moves one the client has already seen
    invalid_cursor_message = _("The cursor is not one the API gave out. Start again without it.")

    def get_ordering(self, request, queryset, view):
        # A resource built on another model (a committee on its mandate) names the field its id is in.
        return (getattr(view, "cursor_ordering", self.ordering),)

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            raise ValidationError({"page_size": [_("Give a whole number from 1 to 200.")]})
        return size

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except NotFound as error:  # a cursor the client made up is a bad parameter, not a missing page
            raise ValidationError({"cursor": [str(error.detail)]}) from None
