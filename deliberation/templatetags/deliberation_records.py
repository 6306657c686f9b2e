"""Meeting-record content for pages outside this app (the public committee page), and a filter for emails.

The public get published decision summaries only: never internal notes, decisions, ideas or a
summary that has not been published.
"""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.dateparse import parse_date

from committees.models import TaskCommittee
from deliberation.selectors import PublishedSummary, published_summaries_of

__all__ = ["PublishedSummary", "as_date", "published_summaries", "published_summaries_of"]

register = template.Library()


@register.simple_tag
def published_summaries(committee: TaskCommittee | None) -> list[PublishedSummary]:
    """`{% published_summaries committee as summaries %}`: number, starts_at, summary, published_at."""
    return published_summaries_of(committee)


@register.filter
def as_date(value) -> date | str:
    """A date from an outbox context, where dates are stored as ISO strings."""
    if isinstance(value, date):
        return value
    return parse_date(str(value)) or ""
