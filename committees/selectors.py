"""Reads for the public committee pages. Every function costs a fixed number of queries, however many
committees, members or meetings there are (DESIGN.md §3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import Http404

from committees.models import Meeting, Membership, TaskCommittee
from mandates.models import (
    CompetenceProfile,
    Mandate,
    MandateDocument,
    MandateTransition,
    ReceivingBody,
)

S = Mandate.State

# What the home page calls "active": adopted and not yet finished with.
ACTIVE_STATES = (
    S.ADOPTED,
    S.RECRUITING,
    S.MATCHING,
    S.ACTIVE,
    S.DELIVERED,
    S.IN_REVIEW,
    S.RETURNED,
    S.IMPLEMENTING,
)
PUBLIC_STATE_CHOICES = [(value, label) for value, label in S.choices if value != S.DRAFT]


def public_mandates() -> QuerySet[Mandate]:
    """Every mandate the public may see: all but drafts."""
    return Mandate.objects.exclude(state=S.DRAFT)


def _aggregate(rows: QuerySet, group: str, aggregate) -> Coalesce:
    # A subquery rather than a join: the joins of the list filters would otherwise multiply the sums.
    per_mandate = rows.order_by().values(group).annotate(value=aggregate).values("value")
    return Coalesce(Subquery(per_mandate, output_field=IntegerField()), 0)


def public_committees() -> QuerySet[Mandate]:
    """Public mandates that have a committee, with what a list card shows."""
    profiles = CompetenceProfile.objects.filter(mandate=OuterRef("pk"))
    meetings = Meeting.objects.filter(committee__mandate=OuterRef("pk"))
    return (
        public_mandates()
        .filter(committee__isnull=False)
        .select_related("committee")
        .annotate(
            profile_count=_aggregate(profiles, "mandate", Count("pk")),
            seat_total=_aggregate(profiles, "mandate", Sum("seats")),
            meeting_count=_aggregate(meetings, "committee", Count("pk")),
        )
        .prefetch_related(Prefetch("receiving_bodies", queryset=ReceivingBody.objects.select_related("body")))
        .order_by(F("starts_on").desc(nulls_last=True), "title", "pk")
    )


def committee_years() -> list[int]:
    """The years in which public committees started, newest first."""
    days = public_mandates().filter(committee__isnull=False).dates("starts_on", "year", order="DESC")
    return [day.year for day in days]


def active_committees(limit: int) -> list[Mandate]:
    return list(
        public_committees()
        .filter(state__in=ACTIVE_STATES)
        .order_by(F("starts_on").desc(nulls_last=True), "-created_at", "-pk")[:limit]
    )


def recent_public_transitions(limit: int) -> list[MandateTransition]:
    """The latest public moves of public mandates, newest first."""
    return list(
        MandateTransition.objects.exclude(to_state=S.DRAFT)
        .exclude(mandate__state=S.DRAFT)
        .select_related("mandate")
        .order_by("-at", "-pk")[:limit]
    )


def public_committee(slug: str) -> Mandate:
    """One public mandate with everything its committee page shows; 404 for drafts and unknown slugs."""
    return _get_or_404(_with_committee_page(public_mandates()), slug)


def any_committee(slug: str) -> Mandate:
    """One mandate, drafts too, with what `public_committee` loads: for council staff's documents."""
    return _get_or_404(_with_committee_page(Mandate.objects.all()), slug)


def _with_committee_page(mandates: QuerySet[Mandate]) -> QuerySet[Mandate]:
    members = Membership.objects.active().select_related("user", "profile")
    return mandates.select_related("committee", "adopted_by").prefetch_related(
        "tasks",
        "profiles",
        Prefetch("receiving_bodies", queryset=ReceivingBody.objects.select_related("body")),
        Prefetch(
            "documents", queryset=MandateDocument.objects.filter(public=True), to_attr="public_documents"
        ),
        Prefetch(
            "transitions",
            queryset=MandateTransition.objects.exclude(to_state=S.DRAFT),
            to_attr="public_transitions",
        ),
        Prefetch("committee__memberships", queryset=members, to_attr="active_memberships"),
        # The agenda is for members only: it is not even read here.
        Prefetch("committee__meetings", queryset=Meeting.objects.defer("agenda"), to_attr="meeting_plan"),
    )


def public_committee_meetings(slug: str) -> Mandate:
    """A public mandate with only its meeting plan, for the calendar feed."""
    queryset = (
        public_mandates()
        .select_related("committee")
        .prefetch_related(
            Prefetch("committee__meetings", queryset=Meeting.objects.defer("agenda"), to_attr="meeting_plan"),
        )
    )
    return _get_or_404(queryset, slug)


def public_document(slug: str, pk: int) -> MandateDocument:
    document = (
        MandateDocument.objects.filter(public=True, mandate__slug=slug, pk=pk)
        .exclude(mandate__state=S.DRAFT)
        .first()
    )
    if document is None:
        raise Http404("No such public document.")
    return document


def _get_or_404(queryset: QuerySet[Mandate], slug: str) -> Mandate:
    mandate = queryset.filter(slug=slug).first()
    if mandate is None:
        raise Http404("No public committee with that address.")
    return mandate


def committee_page(mandate: Mandate) -> dict:
    """What the committee page and the mandate's print view show of the committee itself."""
    return {
        "mandate": mandate,
        "committee": committee_of(mandate),
        "meetings": meetings_of(mandate),
        "members": public_members(mandate),
        "page_url": settings.SITE_URL + mandate.get_absolute_url(),
    }


def committee_of(mandate: Mandate) -> TaskCommittee | None:
    try:
        return mandate.committee
    except TaskCommittee.DoesNotExist:  # very old mandates have no committee row
        return None


def meetings_of(mandate: Mandate) -> list[Meeting]:
    """The meeting plan loaded by the selectors above; empty without a committee."""
    committee = committee_of(mandate)
    return committee.meeting_plan if committee else []


@dataclass(frozen=True)
class PublicMember:
    """What the public may know of a member: never the email address or the user object."""

    name: str
    role: str
    position: str
    profile: str


@dataclass(frozen=True)
class PublicMembers:
    named: list[PublicMember]
    unnamed_citizens: int


# Politicians first (chair, vice-chair, the rest), then the citizens, then the staff who facilitate.
_ROLE_ORDER = {Membership.Role.POLITICIAN: 0, Membership.Role.CITIZEN: 1, Membership.Role.FACILITATOR: 2}
_POSITION_ORDER = {Membership.Position.CHAIR: 0, Membership.Position.VICE_CHAIR: 1}


def public_members(mandate: Mandate) -> PublicMembers:
    """The active members as the public sees them, from the memberships `public_committee` loaded.

    Citizens are named only when they chose to be; the others are only counted.
    """
    committee = committee_of(mandate)
    memberships = committee.active_memberships if committee else []
    shown = in_committee_order(m for m in memberships if _is_named(m))
    named = [
        PublicMember(
            name=m.user.full_name,
            role=m.get_role_display(),
            position=m.get_position_display(),
            profile=m.profile.title if m.profile else "",
        )
        for m in shown
    ]
    unnamed = sum(1 for m in memberships if m.role == Membership.Role.CITIZEN and not _is_named(m))
    return PublicMembers(named=named, unnamed_citizens=unnamed)


def in_committee_order(memberships) -> list[Membership]:
    """Politicians (chair, vice-chair, the rest), then citizens, then facilitators; by name within each."""
    return sorted(
        memberships, key=lambda m: (_ROLE_ORDER[m.role], _POSITION_ORDER.get(m.position, 2), m.user.full_name)
    )


def _is_named(membership: Membership) -> bool:
    if not membership.user.full_name.strip():
        return False  # without a name the only thing left to show would be the email address
    return membership.role != Membership.Role.CITIZEN or membership.show_name_publicly


# --- The public record in bulk (the open-data API and packages).


@dataclass(frozen=True)
class PublicMembership:
    """A seat as the public may know it, past or present; unnamed citizens' seats are not listed."""

    id: int
    name: str
    role: str  # Membership.Role's value
    position: str  # Membership.Position's value
    profile_id: int | None
    joined_on: date
    left_on: date | None


def with_membership_history(mandates: QuerySet[Mandate]) -> QuerySet[Mandate]:
    """Prefetches every membership of the mandates' committees, past and present (`all_memberships`)."""
    everyone = Membership.objects.select_related("user").only(
        "pk", "committee_id", "role", "position", "profile_id", "joined_on", "left_on",
        "show_name_publicly", "user__full_name",
    )  # fmt: skip
    return mandates.prefetch_related(
        Prefetch("committee__memberships", queryset=everyone, to_attr="all_memberships")
    )


def membership_history(mandate: Mandate) -> tuple[list[PublicMembership], int]:
    """The named seats in committee order, past ones too, and how many active citizens are not named;
    from what `with_membership_history` loaded."""
    committee = committee_of(mandate)
    memberships = committee.all_memberships if committee else []
    named = [
        PublicMembership(
            id=m.pk,
            name=m.user.full_name,
            role=m.role,
            position=m.position,
            profile_id=m.profile_id,
            joined_on=m.joined_on,
            left_on=m.left_on,
        )
        for m in in_committee_order(m for m in memberships if _is_named(m))
    ]
    unnamed = sum(
        1 for m in memberships if m.role == Membership.Role.CITIZEN and m.left_on is None and not _is_named(m)
    )
    return named, unnamed
