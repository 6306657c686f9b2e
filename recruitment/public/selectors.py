"""Reads of recruitment that other pages need (home page, committee page, feed)."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from committees.models import Meeting
from mandates.models import Mandate
from recruitment.models import Application, ApplicationChoice, Call, Selection

# A planned call is not announced yet; every later state stays public, with its draw.
PUBLIC_STATES = (Call.State.OPEN, Call.State.CLOSED, Call.State.SELECTED)
# From the deadline on, how many applied for each profile is public (never who).
CLOSED_CALL_STATES = (Call.State.CLOSED, Call.State.SELECTED)


def open_calls() -> QuerySet[Call]:
    """Calls taking applications right now (the beat task may not yet have closed one that is past)."""
    now = timezone.now()
    return (
        Call.objects.filter(state=Call.State.OPEN, opens_at__lte=now, deadline__gt=now)
        .exclude(mandate__state=Mandate.State.DRAFT)
        .select_related("mandate")
        .order_by("deadline", "pk")
    )


def open_call_for_mandate(mandate: Mandate) -> Call | None:
    return open_calls().filter(mandate_id=mandate.pk).first()


def public_calls() -> QuerySet[Call]:
    """Every announced call of a public mandate, with its profiles and its confirmed selection (the draw)."""
    return (
        Call.objects.filter(state__in=PUBLIC_STATES)
        .exclude(mandate__state=Mandate.State.DRAFT)
        .select_related("mandate", "selection")
        .prefetch_related("mandate__profiles")
    )


def applicants_per_profile(calls) -> dict[int, dict[int, tuple[int, int]]]:
    """For closed calls: call id -> profile id -> (applicants who chose the profile, of them as first
    choice); withdrawn applications do not count. One query for any number of calls."""
    closed = [call.pk for call in calls if call.state in CLOSED_CALL_STATES]
    if not closed:
        return {}
    rows = (
        ApplicationChoice.objects.filter(application__call_id__in=closed)
        .exclude(application__state=Application.State.WITHDRAWN)
        .values_list("application__call_id", "profile_id")
        .annotate(chosen=Count("application", distinct=True), first=Count("pk", filter=Q(rank=1)))
        .order_by()
    )
    counts: dict[int, dict[int, tuple[int, int]]] = {call_id: {} for call_id in closed}
    for call_id, profile_id, chosen, first in rows:
        counts[call_id][profile_id] = (chosen, first)
    return counts


def public_call(pk: int) -> Call:
    """The call with everything its page and poster show, in a fixed number of queries; 404 if not public."""
    call = (
        Call.objects.filter(pk=pk, state__in=PUBLIC_STATES)
        .exclude(mandate__state=Mandate.State.DRAFT)
        .select_related("mandate__committee", "selection")
        .prefetch_related(
            "mandate__profiles",
            # The agenda is for members only: it is not even read here.
            Prefetch(
                "mandate__committee__meetings",
                queryset=Meeting.objects.defer("agenda"),
                to_attr="meeting_plan",
            ),
        )
        .first()
    )
    if call is None:
        raise Http404("No public call with that number.")
    return call


def selection_of(call: Call) -> Selection | None:
    try:
        return call.selection
    except Selection.DoesNotExist:
        return None
