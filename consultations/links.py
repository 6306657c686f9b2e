"""What this app shows on lower floors' pages, through the slots of pages.panels (see apps.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from consultations.selectors import heard_reports
from pages.panels import Panel


def deliverable_panel(request: HttpRequest, deliverable) -> list[Panel]:
    """On the deliverable page: the published "what we heard" reports that travel with the text, and for
    the committee and staff the way to its consultations and dialogue meetings."""
    committee = deliverable.committee
    reports = heard_reports(committee)
    overview = (
        reverse("consultations:overview", args=[committee.mandate.slug])
        if request.user.has_perm("consultations.read_contributions", committee)
        else ""
    )
    if not reports and not overview:
        return []
    return [Panel("consultations/_deliverable_panel.html", {"reports": reports, "overview_url": overview})]
