"""Reads of the committee's work for pages and documents outside this app (the public committee page, the
case document, a consultation on draft sections): the published decision summaries, attendance, the current
draft, the submitted deliverable, its route and the Council's decision. Each function costs a fixed number
of queries.

The public may read published decision summaries only: never internal notes, decisions, ideas or a summary
that has not been published.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils import timezone

from committees.models import Meeting, Membership, TaskCommittee
from deliberation.deliverables.review import current_amendments
from deliberation.models import (
    Amendment,
    CouncilDecision,
    Deliverable,
    DeliverableVersion,
    EvaluationAnswer,
    EvaluationSurvey,
    MeetingRecord,
    ReviewStep,
)
from mandates.models import Mandate, PoliticalBody, ReceivingBody


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


@dataclass(frozen=True)
class DraftSection:
    key: str  # stable across versions
    heading: str
    body: str  # Markdown


@dataclass(frozen=True)
class Draft:
    """The latest saved version of the committee's text: what a consultation may put before the public."""

    version_number: int
    title: str
    sections: tuple[DraftSection, ...]
    drafting: bool  # still the committee's working text (not yet submitted to the political bodies)

    def section(self, key: str) -> DraftSection | None:
        return next((s for s in self.sections if s.key == key), None)


def current_draft(committee: TaskCommittee | None) -> Draft | None:
    """The committee's latest version, or None before the first save; one query.

    The draft is confidential: a caller shows it to the public only through the recorded act of publishing
    chosen sections for consultation.
    """
    if committee is None:
        return None
    version = (
        DeliverableVersion.objects.filter(deliverable__committee=committee)
        .select_related("deliverable")
        .order_by("-number")
        .first()
    )
    if version is None:
        return None
    return Draft(
        version_number=version.number,
        title=version.title,
        sections=tuple(
            DraftSection(key=s["key"], heading=s.get("heading", ""), body=s.get("body", ""))
            for s in version.sections
        ),
        drafting=version.deliverable.state == Deliverable.State.DRAFTING,
    )


def submitted_deliverable(committee: TaskCommittee | None) -> Deliverable | None:
    """The committee's deliverable once a version of it has been submitted (with that version), else None."""
    if committee is None:
        return None
    return (
        Deliverable.objects.filter(committee=committee, submitted_version__isnull=False)
        .select_related("submitted_version", "committee__mandate")
        .first()
    )


@dataclass(frozen=True)
class RouteStop:
    """A body on the delivery's route, and each time it has dealt with the delivery so far."""

    body: PoliticalBody
    steps: list[ReviewStep]


def review_route(deliverable: Deliverable) -> list[RouteStop]:
    """The route in order with each body's handling so far; two queries."""
    steps: dict[int, list[ReviewStep]] = {}
    for step in deliverable.review_steps.order_by("meeting_date", "id"):
        steps.setdefault(step.route_entry_id, []).append(step)
    entries = deliverable.committee.mandate.receiving_bodies.select_related("body")
    return [RouteStop(body=entry.body, steps=steps.get(entry.pk, [])) for entry in entries]


def latest_decision(deliverable: Deliverable) -> CouncilDecision | None:
    """The City Council's latest decision on the delivery, with the version it decided on; one query."""
    return deliverable.decisions.select_related("version").order_by("-decided_on", "-id").first()


def accepted_amendments(deliverable: Deliverable) -> list[Amendment]:
    """The amendments to the current submission that the Council accepted, in the order proposed."""
    return list(current_amendments(deliverable).filter(state=Amendment.State.ACCEPTED))


# --- The public record in bulk (the open-data API and packages): the same rules as `public_version` and
# the deliverable page, for any number of deliverables in a fixed number of queries.

PUBLIC_AMENDMENT_STATES = (Amendment.State.ACCEPTED, Amendment.State.REJECTED)


def public_deliverables() -> QuerySet[Deliverable]:
    """Deliverables a political body has dealt with, each annotated with `public_version_id`: the version
    the public reads (see deliverables.publicity.public_version). Never a draft or an undealt resubmission."""
    dealt_since_submitted = ReviewStep.objects.filter(
        deliverable=OuterRef("pk"), recorded_at__gte=OuterRef("submitted_at")
    ).exclude(outcome=ReviewStep.Outcome.POSTPONED)
    decided_as_submitted = CouncilDecision.objects.filter(
        deliverable=OuterRef("pk"), version=OuterRef("submitted_version")
    )
    latest_decided = CouncilDecision.objects.filter(deliverable=OuterRef("pk")).order_by("-decided_on", "-id")
    return (
        Deliverable.objects.exclude(committee__mandate__state=Mandate.State.DRAFT)
        .annotate(
            dealt_now=Case(
                When(
                    Q(submitted_version__isnull=False, submitted_at__isnull=False)
                    & (Exists(dealt_since_submitted) | Exists(decided_as_submitted)),
                    then=Value(True),
                ),
                default=Value(False),
                output_field=BooleanField(),
            ),
            public_version_id=Case(
                When(dealt_now=True, then=F("submitted_version_id")),
                default=Subquery(latest_decided.values("version_id")[:1]),
                output_field=BigIntegerField(),
            ),
        )
        .filter(public_version_id__isnull=False)
        .select_related("committee__mandate")
    )


def with_public_record(deliverables: QuerySet[Deliverable]) -> QuerySet[Deliverable]:
    """Prefetches what the public reads of each deliverable: the route's steps, the decisions with the
    versions they decided on and the decided amendments (`public_amendments`; filter them with
    `is_public_amendment`). Five queries for any number of deliverables."""
    return deliverables.prefetch_related(
        Prefetch("review_steps", queryset=ReviewStep.objects.select_related("route_entry__body")),
        Prefetch("decisions", queryset=CouncilDecision.objects.select_related("version")),
        Prefetch(
            "amendments",
            queryset=Amendment.objects.filter(state__in=PUBLIC_AMENDMENT_STATES).defer("proposed_by"),
            to_attr="public_amendments",
        ),
        Prefetch(
            "committee__mandate__receiving_bodies", queryset=ReceivingBody.objects.select_related("body")
        ),
    )


def is_public_amendment(deliverable: Deliverable, amendment: Amendment) -> bool:
    """A decided amendment is public with the text it amended: an earlier round's always, the current
    round's once the submitted text is public."""
    if deliverable.submitted_at is None or amendment.proposed_at < deliverable.submitted_at:
        return True
    return bool(getattr(deliverable, "dealt_now", False))


def public_versions(deliverables: list[Deliverable]) -> dict[int, DeliverableVersion]:
    """The versions the public may read, by id: each one the Council decided on, and each deliverable's
    public version. One query."""
    ids = {d.public_version_id for d in deliverables}
    ids |= {decision.version_id for d in deliverables for decision in d.decisions.all()}
    return {v.pk: v for v in DeliverableVersion.objects.filter(pk__in=ids).defer("created_by")}


@dataclass(frozen=True)
class PublishedEvaluation:
    mandate_id: int
    closes_at: datetime  # when it closed by date (everyone may have answered sooner)
    results: dict  # evaluation.results_from: answers, and per statement the counts and the mean


def published_evaluations() -> list[PublishedEvaluation]:
    """The evaluation results that are published, by the rule of `evaluation.survey_state`, for every
    concluded public committee at once; three queries."""
    from deliberation.follow_up import evaluation

    surveys = {
        s.mandate_id: s
        for s in EvaluationSurvey.objects.filter(mandate__state__in=evaluation.CONCLUDED).only(
            "mandate_id", "closes_at"
        )
    }
    rows = {
        row["mandate"]: row
        for row in EvaluationAnswer.objects.filter(mandate__in=surveys)
        .values("mandate")
        .annotate(**evaluation.answer_aggregates())
        .order_by()
    }
    surveyed = dict(
        Membership.objects.filter(committee__mandate__in=surveys, role__in=evaluation.SURVEY_ROLES)
        .values("committee__mandate")
        .annotate(people=Count("user", distinct=True))
        .values_list("committee__mandate", "people")
        .order_by()
    )
    now = timezone.now()
    published = []
    for mandate_id, survey in sorted(surveys.items()):
        row = rows.get(mandate_id)
        answers = row["answers"] if row else 0
        closed = survey.closes_at <= now or (answers and answers >= surveyed.get(mandate_id, 0))
        if closed and answers >= evaluation.MIN_ANSWERS:
            published.append(PublishedEvaluation(mandate_id, survey.closes_at, evaluation.results_from(row)))
    return published
