"""What this app shows on lower floors' pages, through the slots of pages.panels (see apps.py)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse

from consultations.selectors import committee_participation, heard_reports, open_consultations
from pages.panels import Panel

HOME_PAGE_CONSULTATIONS = 5  # the home page lists the ones closing soonest; the rest are a link away


def home_panel(request: HttpRequest, _page) -> list[Panel]:
    """On the home page: the consultations open now, so anyone can find one and have their say."""
    found = open_consultations(HOME_PAGE_CONSULTATIONS)
    return [Panel("consultations/_home_open.html", {"open_consultations": found})] if found else []


def committee_panel(request: HttpRequest, committee) -> list[Panel]:
    """On the committee's public page: its published consultations and public dialogue meetings, and for
    the committee and staff the way to manage them."""
    participation = committee_participation(committee)
    overview = _overview_url(request, committee)
    if not participation and not overview:
        return []
    context = {"participation": participation, "overview_url": overview}
    return [Panel("consultations/_committee_section.html", context)]


def my_committee_panel(request: HttpRequest, committee) -> list[Panel]:
    """On a member's "My committees": the way to the committee's consultations and dialogue meetings. The
    slot shows only committees the reader sits on, and every member may read the contributions."""
    overview = reverse("consultations:overview", args=[committee.mandate.slug])
    return [Panel("consultations/_my_committee_link.html", {"overview_url": overview})]


def _overview_url(request: HttpRequest, committee) -> str:
    if not request.user.has_perm("consultations.read_contributions", committee):
        return ""
    return reverse("consultations:overview", args=[committee.mandate.slug])


def deliverable_panel(request: HttpRequest, deliverable) -> list[Panel]:
    """On the deliverable page: the published "what we heard" reports that travel with the text, and for
    the committee and staff the way to its consultations and dialogue meetings."""
    committee = deliverable.committee
    reports = heard_reports(committee)
    overview = _overview_url(request, committee)
    if not reports and not overview:
        return []
    return [Panel("consultations/_deliverable_panel.html", {"reports": reports, "overview_url": overview})]
