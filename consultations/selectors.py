"""Reads for the public pages and for the pages the top floor assembles (the home page, the committee page,
the deliverable page and the case document). Each function costs a fixed number of queries, however many
contributions or registrations there are.

Nothing here shows a contributor's email, a draft or withdrawn text, or a hidden contribution; the name of
someone who asked to be anonymous is never read into what these functions return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from committees.models import TaskCommittee
from consultations.models import Consultation, ConsultationItem, Contribution, DialogueMeeting, Registration

S = Contribution.State
PUBLISHED = Q(contributions__state=S.PUBLISHED)


def _with_counts(consultations: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return consultations.select_related("committee__mandate").annotate(
        published_count=Count("contributions", filter=PUBLISHED)
    )


def open_consultations(limit: int | None = None) -> list[Consultation]:
    """Consultations open now, the soonest to close first: for the home page and the feed; one query."""
    found = _with_counts(Consultation.objects.open_at()).order_by("ends_at", "pk")
    return list(found[:limit] if limit else found)


def public_consultations() -> QuerySet[Consultation]:
    """Every published consultation, newest first, with its committee and its count of published texts."""
    return _with_counts(Consultation.objects.published()).order_by("-starts_at", "-pk")


def _page_of(consultations: QuerySet[Consultation], pk: int) -> Consultation | None:
    items = ConsultationItem.objects.annotate(
        published_count=Count("contributions", filter=Q(contributions__state=S.PUBLISHED))
    )
    return (
        _with_counts(consultations)
        .select_related("published_by")
        .prefetch_related(
            Prefetch("items", queryset=items),
            Prefetch("dialogue_meetings", queryset=DialogueMeeting.objects.public()),
        )
        .filter(pk=pk)
        .first()
    )


def public_consultation(pk: int) -> Consultation:
    """One published consultation with its items (each with its count of published contributions) and the
    dialogue meetings its report refers to; three queries. 404 if it is not public."""
    found = _page_of(Consultation.objects.published(), pk)
    if found is None:
        raise Http404("No public consultation with that number.")
    return found


def preview_consultation(pk: int) -> Consultation:
    """The same page's data for a consultation not yet public, which the committee previews."""
    found = _page_of(Consultation.objects.all(), pk)
    if found is None:
        raise Http404("No consultation with that number.")
    return found


def published_contributions(consultation: Consultation, *, item: int | None = None) -> QuerySet[Contribution]:
    """The published contributions, in the order they came, with only the author's name read."""
    found = consultation.contributions.public().select_related("author", "item").only(
        "pk", "item_id", "item__title", "item__order", "body", "attachment", "kind", "organisation",
        "publication", "published_at", "submitted_at", "author__full_name", "consultation_id",
    )  # fmt: skip
    if item is not None:
        found = found.filter(item_id=item)
    return found.order_by("item__order", "item_id", "submitted_at", "pk")


# --- What the top floor shows of a committee's work with the public.


@dataclass(frozen=True)
class CommitteeParticipation:
    """A committee's consultations and dialogue meetings, as its public page lists them."""

    consultations: list[Consultation]
    upcoming_meetings: list[DialogueMeeting]
    past_meetings: list[DialogueMeeting]

    def __bool__(self) -> bool:
        return bool(self.consultations or self.upcoming_meetings or self.past_meetings)


def committee_participation(committee: TaskCommittee | None) -> CommitteeParticipation:
    """For the committee page: published consultations (newest first) and public dialogue meetings, the
    coming ones with their seats taken; two queries."""
    if committee is None:
        return CommitteeParticipation([], [], [])
    consultations = list(public_consultations().filter(committee=committee))
    meetings = list(
        with_seats(DialogueMeeting.objects.public().filter(committee=committee)).order_by("starts_at")
    )
    now = timezone.now()
    return CommitteeParticipation(
        consultations=consultations,
        upcoming_meetings=[m for m in meetings if m.ends_at > now],
        past_meetings=[m for m in reversed(meetings) if m.ends_at <= now],
    )


def with_seats(meetings: QuerySet[DialogueMeeting]) -> QuerySet[DialogueMeeting]:
    """Meetings with `seats_taken` (held or offered) and `waiting` counted in the same query."""
    return meetings.select_related("committee__mandate").annotate(
        seats_taken=Count("registrations", filter=Q(registrations__state__in=Registration.SEATED_STATES)),
        waiting=Count("registrations", filter=Q(registrations__state=Registration.State.WAITING)),
    )


def upcoming_meetings() -> list[DialogueMeeting]:
    return list(with_seats(DialogueMeeting.objects.upcoming()).order_by("starts_at", "pk"))


def recent_meetings(limit: int = 10) -> list[DialogueMeeting]:
    """Held or cancelled meetings, newest first: their summaries stay public."""
    past = DialogueMeeting.objects.public().filter(ends_at__lte=timezone.now())
    return list(with_seats(past).order_by("-starts_at", "-pk")[:limit])


def public_meeting(pk: int) -> DialogueMeeting:
    found = with_seats(DialogueMeeting.objects.public()).filter(pk=pk).first()
    if found is None:
        raise Http404("No public dialogue meeting with that number.")
    return found


# --- "What we heard", for the deliverable page and the case document.


@dataclass(frozen=True)
class HeardItem:
    title: str
    is_section: bool
    version_number: int | None
    how_used: str
    contributions: int  # published


@dataclass(frozen=True)
class HeardMeeting:
    title: str
    kind: str
    starts_at: datetime
    summary: str
    url: str


@dataclass(frozen=True)
class HeardReport:
    """One consultation's published report: plain values, ready for a page or a document."""

    title: str
    url: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    contributions: int  # sent and not withdrawn: published, waiting or hidden
    published: int
    organisations: int  # contributions on behalf of an organisation
    items: tuple[HeardItem, ...]
    meetings: tuple[HeardMeeting, ...]


def heard_reports(committee: TaskCommittee | None) -> list[HeardReport]:
    """The published "what we heard" reports of the committee's consultations, oldest first; three queries
    whatever the number of contributions."""
    if committee is None:
        return []
    sent = Q(contributions__state__in=Contribution.SUBMITTED_STATES)
    items = ConsultationItem.objects.annotate(
        published_count=Count("contributions", filter=Q(contributions__state=S.PUBLISHED))
    )
    consultations = (
        Consultation.objects.published()
        .filter(committee=committee, report_published_at__isnull=False)
        .annotate(
            sent_count=Count("contributions", filter=sent),
            published_count=Count("contributions", filter=PUBLISHED),
            organisation_count=Count(
                "contributions", filter=sent & Q(contributions__kind=Contribution.Kind.ORGANISATION)
            ),
        )
        .prefetch_related(
            Prefetch("items", queryset=items),
            Prefetch("dialogue_meetings", queryset=DialogueMeeting.objects.public().order_by("starts_at")),
        )
        .order_by("starts_at", "pk")
    )
    return [
        HeardReport(
            title=c.title,
            url=c.get_absolute_url() + "#heard",
            starts_at=c.starts_at,
            ends_at=c.ends_at,
            summary=c.summary,
            contributions=c.sent_count,
            published=c.published_count,
            organisations=c.organisation_count,
            items=tuple(
                HeardItem(
                    title=item.title,
                    is_section=item.is_section,
                    version_number=item.version_number,
                    how_used=item.how_used,
                    contributions=item.published_count,
                )
                for item in c.items.all()
            ),
            meetings=tuple(
                HeardMeeting(
                    title=m.title,
                    kind=m.get_kind_display(),
                    starts_at=m.starts_at,
                    summary=m.summary if m.summary_published_at else "",
                    url=m.get_absolute_url(),
                )
                for m in c.dialogue_meetings.all()
            ),
        )
        for c in consultations
    ]
