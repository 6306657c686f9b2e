"""Reads of recruitment that other pages need (home page, committee page, feed)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from mandates.models import Mandate
from recruitment.models import Application, ApplicationChoice, Call


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


# A planned call is not announced yet; every later state stays public, with its draw.
PUBLIC_CALL_STATES = (Call.State.OPEN, Call.State.CLOSED, Call.State.SELECTED)
# From the deadline on, how many applied for each profile is public (never who).
CLOSED_CALL_STATES = (Call.State.CLOSED, Call.State.SELECTED)


def public_calls() -> QuerySet[Call]:
    """Every announced call of a public mandate, with its profiles and its confirmed selection (the draw)."""
    return (
        Call.objects.filter(state__in=PUBLIC_CALL_STATES)
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
