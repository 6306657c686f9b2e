"""Meeting-record content for pages outside this app (the public committee page), and a filter for emails.

The public get published decision summaries only: never internal notes, decisions, ideas or a
summary that has not been published.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django import template
from django.utils.dateparse import parse_date

from committees.models import TaskCommittee
from deliberation.models import MeetingRecord

register = template.Library()


@dataclass(frozen=True)
class PublishedSummary:
    """What the public may read of a meeting: its number, its time and the published summary."""

    number: int
    starts_at: datetime
    summary: str
    published_at: datetime


def published_summaries_of(committee: TaskCommittee | None) -> list[PublishedSummary]:
    """The committee's published decision summaries, in meeting order; one query."""
    if committee is None:
        return []
    records = (
        MeetingRecord.objects.filter(meeting__committee=committee, summary_published_at__isnull=False)
        .exclude(summary="")
        .select_related("meeting")
        .only("summary", "summary_published_at", "meeting__number", "meeting__starts_at")
        .order_by("meeting__starts_at", "meeting__number")
    )
    return [
        PublishedSummary(
            number=record.meeting.number,
            starts_at=record.meeting.starts_at,
            summary=record.summary,
            published_at=record.summary_published_at,
        )
        for record in records
    ]


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
