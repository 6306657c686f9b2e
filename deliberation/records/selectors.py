"""Reads of the meeting records for pages and documents outside this room (the public committee page, the case
document): the published decision summaries and attendance. Each costs a fixed number of queries.

The public may read published decision summaries only: never internal notes, decisions, ideas or a summary
that has not been published."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q
from django.utils import timezone

from committees.models import Meeting, Membership, TaskCommittee
from deliberation.models import MeetingRecord


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


@dataclass(frozen=True)
class MeetingAttendance:
    """A meeting the committee held, and how many of its members were there, by role."""

    number: int
    starts_at: datetime
    members: int  # the committee's members on the day
    recorded: bool  # whether the facilitators logged attendance at all
    present_by_role: dict[str, int] = field(default_factory=dict)

    @property
    def present(self) -> int:
        return sum(self.present_by_role.values())


def attendance_of(committee: TaskCommittee) -> list[MeetingAttendance]:
    """The meetings held, in order, with attendance in numbers; three queries.

    Held means not cancelled and begun: a meeting of the fixed plan takes place unless it is cancelled, and
    the facilitators may log it later or not at all (then `recorded` is False).
    """
    meetings = list(
        Meeting.objects.filter(committee=committee)
        .filter(Q(state=Meeting.State.HELD) | Q(state=Meeting.State.PLANNED, starts_at__lte=timezone.now()))
        .annotate(records=Count("record"))
        .order_by("starts_at", "number")
        .values_list("pk", "number", "starts_at", "records")
    )
    present: dict[int, Counter] = {}
    rows = (
        MeetingRecord.present.through.objects.filter(meetingrecord__meeting__committee=committee)
        .values_list("meetingrecord__meeting_id", "membership__role")
        .annotate(count=Count("pk"))
    )
    for meeting_id, role, count in rows:
        present.setdefault(meeting_id, Counter())[role] += count
    terms = list(Membership.objects.filter(committee=committee).values_list("joined_on", "left_on"))
    return [
        MeetingAttendance(
            number=number,
            starts_at=starts_at,
            members=_members_on(terms, timezone.localdate(starts_at)),
            recorded=bool(records),
            present_by_role=dict(present.get(pk, {})),
        )
        for pk, number, starts_at, records in meetings
    ]


def _members_on(terms: list[tuple[date, date | None]], day: date) -> int:
    return sum(1 for joined, left in terms if joined <= day and (left is None or left > day))
