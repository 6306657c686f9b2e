"""Reads of recruitment that other pages need (home page, committee page, feed)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from mandates.models import Mandate
from recruitment.models import Call


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
