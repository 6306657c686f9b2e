"""The composite public pages. Each loads through the apps' selectors and renders one template of this
floor, so no app below includes another app's partial or asks for its data from a template."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from committees import selectors as committees
from committees.following import is_following
from consultations import selectors as consultations
from consultations.links import overview_url
from core import downloads
from core.cache import cached_public_page
from deliberation.deliverables.selectors import public_review
from deliberation.follow_up.selectors import evaluation_results, public_actions
from deliberation.records.selectors import published_summaries_of
from recruitment.applications import who_may_apply
from recruitment.models import Call
from recruitment.public import selectors as recruitment
from recruitment.review import draws

HOME_COMMITTEES = 6
HOME_DECISIONS = 5
HOME_CONSULTATIONS = 5  # the ones closing soonest; the rest are a link away


@cached_public_page
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "calls": list(recruitment.open_calls()),
        "committees": committees.active_committees(HOME_COMMITTEES),
        "decisions": committees.recent_public_transitions(HOME_DECISIONS),
        "open_consultations": consultations.open_consultations(HOME_CONSULTATIONS),
    }
    return render(request, "portal/home.html", context)


@cached_public_page
def committee(request: HttpRequest, slug: str) -> HttpResponse:
    mandate = committees.public_committee(slug)
    task_committee = committees.committee_of(mandate)
    context = {
        **committees.committee_page(mandate),
        "following": is_following(committee=task_committee, user=request.user),
        "downloads": downloads.downloads_for(downloads.MANDATE, request, mandate),
        "call": recruitment.open_call_for_mandate(mandate),
        "summaries": published_summaries_of(task_committee),
        "review": public_review(task_committee),
        "actions": public_actions(mandate),
        "survey": evaluation_results(mandate),
        "participation": consultations.committee_participation(task_committee),
        "overview_url": overview_url(request, task_committee) if task_committee else "",
    }
    return render(request, "portal/committee.html", context)


@cached_public_page
def progress(request: HttpRequest, slug: str) -> HttpResponse:
    """How the decision is carried out: the actions with their dated updates."""
    mandate = get_object_or_404(committees.public_mandates(), slug=slug)
    actions = public_actions(mandate, with_updates=True)
    return render(request, "portal/progress.html", {"mandate": mandate, "actions": actions})


@cached_public_page
def call(request: HttpRequest, pk: int) -> HttpResponse:
    the_call = recruitment.public_call(pk)
    selection = recruitment.selection_of(the_call)
    context = {
        "call": the_call,
        "mandate": the_call.mandate,
        "meetings": committees.meetings_of(the_call.mandate),
        "not_yet_open": the_call.state == Call.State.OPEN and timezone.now() < the_call.opens_at,
        "who_may_apply": who_may_apply(the_call),
        "selection_confirmed": selection is not None,
        "draw": draws.selection_draw(the_call, selection),
        "ties": draws.published_ties(the_call, selection),
        "page_url": settings.SITE_URL + the_call.get_absolute_url(),
    }
    return render(request, "portal/call.html", context)
