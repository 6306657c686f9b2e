"""What this app shows on lower floors' pages, through the slots of core.panels (see apps.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from consultations.selectors import heard_reports
from core.panels import Panel


def my_committee_panel(request: HttpRequest, committee) -> list[Panel]:
    """On a member's "My committees": the way to the committee's consultations and dialogue meetings. The
    slot shows only committees the reader sits on, and every member may read the contributions."""
    overview = reverse("consultations:overview", args=[committee.mandate.slug])
    return [Panel("consultations/_my_committee_link.html", {"overview_url": overview})]


def overview_url(request: HttpRequest, committee) -> str:
    """For the committee and staff, the page where they manage its consultations and dialogue meetings."""
    if not request.user.has_perm("consultations.read_contributions", committee):
        return ""
    return reverse("consultations:overview", args=[committee.mandate.slug])


def deliverable_panel(request: HttpRequest, deliverable) -> list[Panel]:
    """On the deliverable page: the published "what we heard" reports that travel with the text, and for
    the committee and staff the way to its consultations and dialogue meetings."""
    committee = deliverable.committee
    reports = heard_reports(committee)
    overview = overview_url(request, committee)
    if not reports and not overview:
        return []
    return [Panel("consultations/_deliverable_panel.html", {"reports": reports, "overview_url": overview})]
