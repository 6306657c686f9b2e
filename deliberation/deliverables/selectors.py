"""Reads of the deliverable, for its own pages, its permissions and the pages outside this app (the public
committee page, the case document, a consultation on draft sections): the current draft, the submitted
deliverable, its route, its amendments and agreed text, the Council's decision, and when the public may read
it. Each function costs a fixed number of queries.

A recommendation is confidential until a political body has dealt with it (public_version); the public never
reads a draft, a comment or an amendment's workings.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django.db.models import (
    BigIntegerField,
    BooleanField,
    Case,
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

from committees.models import TaskCommittee
from deliberation.deliverables.passages import as_markdown
from deliberation.models import Amendment, CouncilDecision, Deliverable, DeliverableVersion, ReviewStep
from mandates.models import Mandate, PoliticalBody, ReceivingBody


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
    the public reads (see public_version). Never a draft or an undealt resubmission."""
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


def public_version(deliverable: Deliverable) -> DeliverableVersion | None:
    """The version the public may read: the last one a political body has dealt with.

    A recommendation is confidential until a body has dealt with it. A postponement is not dealing
    with it, and a text resubmitted after a return is new: until a body deals with it, the public
    reads the version the Council returned.
    """
    if deliverable.pk is None:
        return None
    submitted = deliverable.submitted_version
    if submitted is not None and deliverable.submitted_at is not None:
        dealt_now = (
            deliverable.review_steps.filter(recorded_at__gte=deliverable.submitted_at)
            .exclude(outcome=ReviewStep.Outcome.POSTPONED)
            .exists()
            or deliverable.decisions.filter(version=submitted).exists()
        )
        if dealt_now:
            return submitted
    earlier = deliverable.decisions.select_related("version").order_by("-decided_on", "-id").first()
    return earlier.version if earlier is not None else None


def deliverable_is_public(deliverable: Deliverable) -> bool:
    """Public once a political body has dealt with it (see public_version)."""
    return public_version(deliverable) is not None


def submitted_section(deliverable: Deliverable, section_key: str) -> dict | None:
    version = deliverable.submitted_version
    for section in version.sections if version else ():
        if section["key"] == section_key:
            return section
    return None


def current_amendments(deliverable: Deliverable):
    """The amendments to the current submission: a returned and resubmitted text starts afresh."""
    amendments = deliverable.amendments.select_related("proposed_by")
    if deliverable.submitted_at:
        amendments = amendments.filter(proposed_at__gte=deliverable.submitted_at)
    return amendments


def _span_of(amendment: Amendment, body: str) -> tuple[int, int] | None:
    """Where the amendment's original text is in the submitted body: at its recorded start, else the
    whole body, else its first occurrence; None when it is not there."""
    original = amendment.original_text
    start = amendment.source_start
    if start is not None and body[start : start + len(original)] == original:
        return start, start + len(original)
    if body == original:
        return 0, len(body)
    found = body.find(original) if original else -1
    return (found, found + len(original)) if found >= 0 else None


def agreed_sections(deliverable: Deliverable) -> list[dict]:
    """The submitted version's sections with every accepted amendment of this submission applied.

    Each amendment replaces its passage of the submitted body with the proposed words (as typed: Markdown's
    marks in them are escaped). Amendments count in the order they were proposed; one whose passage
    overlaps an earlier accepted one's is not applied, so staff see it missing from the agreed text
    rather than a guess.
    """
    version = deliverable.submitted_version
    if version is None:
        return []
    sections = copy.deepcopy(version.sections)
    accepted: dict[str, list[tuple[int, int, str]]] = {}
    for amendment in current_amendments(deliverable).filter(state=Amendment.State.ACCEPTED):
        section = next((s for s in sections if s["key"] == amendment.section_key), None)
        span = _span_of(amendment, section["body"]) if section else None
        taken = accepted.setdefault(amendment.section_key, [])
        if span is None or any(span[0] < end and start < span[1] for start, end, _words in taken):
            continue
        taken.append((*span, as_markdown(amendment.proposed_text)))
    for section in sections:
        body = section["body"]
        for start, end, words in sorted(accepted.get(section["key"], []), reverse=True):
            body = body[:start] + words + body[end:]
        section["body"] = body
    return sections


@dataclass(frozen=True)
class PublicReview:
    deliverable: Deliverable
    steps: list[ReviewStep]
    decision: CouncilDecision | None


def public_review(committee: TaskCommittee | None) -> PublicReview | None:
    """The delivery with each body's handling and the Council's latest decision, once it is public."""
    if committee is None:
        return None
    deliverable = Deliverable.objects.filter(committee=committee).select_related("submitted_version").first()
    if deliverable is None or not deliverable_is_public(deliverable):
        return None
    steps = list(deliverable.review_steps.select_related("route_entry__body").order_by("meeting_date", "id"))
    decision = (
        CouncilDecision.objects.filter(deliverable__committee=committee)
        .order_by("-decided_on", "-id")
        .first()
    )
    return PublicReview(deliverable=deliverable, steps=steps, decision=decision)
