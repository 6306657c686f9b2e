"""A filter for the meeting-record emails. Formats only; never queries."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.dateparse import parse_date

register = template.Library()


@register.filter
def as_date(value) -> date | str:
    """A date from an outbox context, where dates are stored as ISO strings."""
    if isinstance(value, date):
        return value
    return parse_date(str(value)) or ""
