"""Reads of recruitment that other pages need (home page, committee page, feed)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from committees.models import Meeting
from mandates.models import Mandate
from recruitment.models import Call, Selection

# A planned call is not announced yet; every later state stays public, with its draw.
PUBLIC_STATES = (Call.State.OPEN, Call.State.CLOSED, Call.State.SELECTED)


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
