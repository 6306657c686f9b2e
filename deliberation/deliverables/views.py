"""The committee's deliverable: the text, its versions and comments, editing, comparing versions,
submitting, and the political review as the committee, politicians and the public follow it.

Who may see what is in deliverables/rules.py; an outsider to a confidential deliverable gets 404. The
forms are in forms.py.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

import deliberation.deliverables.rules  # noqa: F401 - registers the permissions
from committees.models import TaskCommittee
from core import downloads, panels
from core.signed_in_pages import kept_per_session
from deliberation.deliverables.forms import AmendmentForm, CommentForm
from deliberation.deliverables.review import amendment_propose
from deliberation.deliverables.selectors import agreed_sections, current_amendments, public_version
from deliberation.deliverables.services import (
    comment_add,
    deliverable_for,
    deliverable_submit,
    version_diff,
)
from deliberation.form_errors import add_service_errors
from deliberation.markdown import render_markdown
from deliberation.models import Deliverable, DeliverableVersion
from mandates.models import PoliticalBody

READ = "deliberation.read_deliverable"
INTERNALS = "deliberation.read_deliverable_internals"


def committee_for(request: HttpRequest, slug: str, perm: str = READ) -> TaskCommittee:
    """The committee with its deliverable (created on first sight by a reader), or 404."""
    committee = get_object_or_404(TaskCommittee.objects.select_related("mandate"), mandate__slug=slug)
    if not request.user.has_perm(perm, committee):
        raise Http404
    return committee


def _messages_of(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _rendered(sections, comments_by_key=None) -> list[dict]:
    return [
        {
            "key": s["key"],
            "heading": s["heading"],
            "html": render_markdown(s["body"]),
            "comments": (comments_by_key or {}).get(s["key"], []),
        }
        for s in sections
    ]


@kept_per_session
def deliverable_detail(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_for(request, slug)
    internals = request.user.has_perm(INTERNALS, committee)
    deliverable = deliverable_for(committee=committee) if internals else committee.deliverable
    return render(
        request, "deliberation/deliverable/detail.html", _detail_context(request, deliverable, internals)
    )


def _detail_context(request: HttpRequest, deliverable: Deliverable, internals: bool, **extra) -> dict:
    committee, user = deliverable.committee, request.user
    submitted = deliverable.submitted_version
    # The public reads the last version a political body has dealt with, never a draft or an undealt
    # resubmission.
    # The committee reads every version; the latest is among them (one query for both).
    versions = list(deliverable.versions.select_related("created_by")) if internals else []
    if internals:
        shown = max(versions, key=lambda v: v.number, default=None)
    elif user.has_perm("deliberation.read_submitted_deliverable", deliverable):
        shown = submitted  # a politician of the Council reading the recommendation sent to it
    else:
        shown = public_version(deliverable)
    comments_by_key: dict[str, list] = {}
    if internals:
        for comment in deliverable.comments.select_related("author", "version"):
            comments_by_key.setdefault(comment.section_key, []).append(comment)
    decision = deliverable.decisions.select_related("version").order_by("-decided_on", "-id").first()
    if decision is not None:
        agreed, base = decision.agreed_sections, decision.version.sections
    elif submitted is not None and internals:
        agreed, base = agreed_sections(deliverable), submitted.sections
    else:
        agreed, base = [], []
    steps_by_entry: dict[int, list] = {}
    for step in deliverable.review_steps.all():
        steps_by_entry.setdefault(step.route_entry_id, []).append(step)
    # The City Council's decision is its handling: its stop on the route shows it, recorded as a step or not.
    route = [
        {
            "entry": entry,
            "steps": steps_by_entry.get(entry.pk, []),
            "decision": decision if entry.body.kind == PoliticalBody.Kind.CITY_COUNCIL else None,
        }
        for entry in committee.mandate.receiving_bodies.select_related("body")
    ]
    can_comment = user.has_perm("deliberation.comment_deliverable", deliverable)
    can_amend = submitted is not None and user.has_perm("deliberation.propose_amendment", deliverable)
    headings = {s["key"]: s["heading"] for s in (submitted.sections if submitted else [])}
    amendments = (
        [(a, headings.get(a.section_key, "")) for a in current_amendments(deliverable)] if internals else []
    )
    return {
        "committee": committee,
        "mandate": committee.mandate,
        "deliverable": deliverable,
        "downloads": downloads.downloads_for(downloads.DELIVERABLE, request, deliverable),
        "panels": panels.panels_html(panels.DELIVERABLE, request, deliverable),
        "internals": internals,
        "version": shown,
        "sections": _rendered(shown.sections if shown else [], comments_by_key),
        "versions": versions,
        "route": route if submitted else [],
        "amendments": amendments,
        "decision": decision,
        "agreed": _rendered(agreed),
        "agreed_diff": version_diff(base, agreed, shown=True) if agreed else [],
        "can_edit": user.has_perm("deliberation.edit_deliverable", deliverable),
        "can_comment": can_comment,
        "comment_form": CommentForm() if can_comment else None,
        "can_submit": shown is not None and user.has_perm("deliberation.submit_deliverable", deliverable),
        "amendment_form": extra.pop("amendment_form", None)
        or (AmendmentForm(sections=submitted.sections) if can_amend else None),
        # Words selected in the shown text can be amended when it is the submitted text.
        "amendable": can_amend and shown is not None and shown.pk == submitted.pk,
        **extra,
    }


@login_required
@require_POST
def comment(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_for(request, slug, INTERNALS)
    deliverable = deliverable_for(committee=committee)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_add(
                deliverable=deliverable,
                section_key=form.cleaned_data["section_key"],
                by=request.user,
                body=form.cleaned_data["body"],
            )
        except ValidationError as error:
            for text in _messages_of(error):
                messages.error(request, text)
        else:
            messages.success(request, _("Your comment was added."))
            return redirect(
                reverse("deliberation:deliverable", args=[slug])
                + f"#section-{form.cleaned_data['section_key']}"
            )
    else:
        messages.error(request, _("Write a comment before sending it."))
    return redirect("deliberation:deliverable", slug=slug)


@login_required
@require_POST
def submit(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_for(request, slug, INTERNALS)
    try:
        deliverable_submit(deliverable=deliverable_for(committee=committee), by=request.user)
    except ValidationError as error:
        for text in _messages_of(error):
            messages.error(request, text)
    else:
        messages.success(
            request, _("The deliverable has been submitted. The committee's members have been told.")
        )
    return redirect("deliberation:deliverable", slug=slug)


@login_required
@require_POST
def amend(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_for(request, slug, "deliberation.read_submitted_deliverable")
    deliverable = deliverable_for(committee=committee)
    if deliverable.submitted_version is None:
        raise Http404
    form = AmendmentForm(request.POST, sections=deliverable.submitted_version.sections)
    if form.is_valid():
        try:
            amendment_propose(deliverable=deliverable, by=request.user, **form.service_arguments())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your amendment has been proposed."))
            return redirect(reverse("deliberation:deliverable", args=[slug]) + "#amendments")
    internals = request.user.has_perm(INTERNALS, committee)
    context = _detail_context(request, deliverable, internals, amendment_form=form)
    return render(request, "deliberation/deliverable/detail.html", context, status=400)


# --- Comparing versions.


def _version_number(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


@login_required
def deliverable_diff(request: HttpRequest, slug: str) -> HttpResponse:
    committee = committee_for(request, slug, INTERNALS)
    deliverable = deliverable_for(committee=committee)
    versions = {v.number: v for v in DeliverableVersion.objects.filter(deliverable=deliverable)}
    numbers = sorted(versions)
    a, b = _version_number(request.GET.get("a")), _version_number(request.GET.get("b"))
    if "a" not in request.GET and "b" not in request.GET and len(numbers) >= 2:
        a, b = numbers[-2], numbers[-1]
    old, new = versions.get(a), versions.get(b)
    if (old is None or new is None) and ("a" in request.GET or "b" in request.GET):
        messages.error(request, _("Choose two versions that exist."))
    elif len(numbers) < 2 and old is None:
        messages.info(request, _("There is only one version so far: nothing to compare."))
    return render(
        request,
        "deliberation/deliverable/diff.html",
        {
            "committee": committee,
            "deliverable": deliverable,
            "numbers": numbers,
            "old": old,
            "new": new,
            "a": a,
            "b": b,
            "diff": version_diff(old, new) if old and new else None,
        },
    )
