"""A politician rates an applicant for a profile: on the application's page (with a private note), or in the
dashboard's row, where htmx puts the new own and mean score in place and the keyboard steps on."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from recruitment.models import Application, Call
from recruitment.review import selectors as review_selectors
from recruitment.review.access import call_for
from recruitment.review.application_detail import application_for_review
from recruitment.review.forms import RatingForm
from recruitment.review.ratings import rating_set
from recruitment.review.views.dashboard import FilterForm, RatingPanel, _panels, _ratings_open

ROW = "row"  # the form's `view` when it is the dashboard row's


@login_required
@require_POST
def rate(request: HttpRequest, pk: int, reference: str) -> HttpResponse:
    call = call_for(request, pk, decide=True)
    application = application_for_review(call, reference)
    form = RatingForm(request.POST)
    in_row = request.POST.get("view") == ROW
    error = ""
    if form.is_valid():
        try:
            rating_set(
                application=application,
                profile_id=form.cleaned_data["profile"],
                politician=request.user,
                score=form.cleaned_data["score"],
                # The row has no note field: a score given there keeps the note written on the page.
                note=None if in_row else form.cleaned_data["note"],
            )
        except ValidationError as failure:
            error = " ".join(failure.messages)
    else:
        error = " ".join(message for messages_ in form.errors.values() for message in messages_)
    profile_id = form.cleaned_data.get("profile")
    choice = application.choices.select_related("profile").filter(profile_id=profile_id).first()
    if in_row:
        return _row_answer(request, call, application, choice, error)
    page = reverse("recruitment:review_application", args=[call.pk, application.reference])
    if request.htmx and choice is not None:
        (panel,) = _panels(request, call, application, [choice], error=error, saved=not error)
        return render(
            request,
            "recruitment/review/_rating.html",
            {"call": call, "application": application, "panel": panel, "ratings_open": _ratings_open(call)},
        )
    _tell(request, error)
    target = f"{page}#rating-{choice.profile_id}" if choice else page
    return HttpResponseClientRedirect(target) if request.htmx else redirect(target)


def _tell(request: HttpRequest, error: str) -> None:
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your rating is saved."))


def _back(call: Call, query: str, anchor: str) -> str:
    """The dashboard with the filters it was showing (only the filters: nothing else rides along)."""
    sent = QueryDict(query)
    kept = [(name, value) for name in FilterForm.base_fields for value in sent.getlist(name)]
    url = reverse("recruitment:dashboard", args=[call.pk])
    return f"{url}?{urlencode(kept)}#{anchor}" if kept else f"{url}#{anchor}"


def _row_answer(request: HttpRequest, call: Call, application: Application, choice, error: str):
    """The row's own and mean score as they are now, the politician's progress, and a sentence for
    screen readers; without htmx, back to the dashboard at the row."""
    if choice is None:
        error = error or _("The applicant did not apply for that profile.")
    if not request.htmx or choice is None:
        _tell(request, error)
        anchor = f"row-{choice.profile_id}-{application.reference}" if choice else "applicants-heading"
        return redirect(_back(call, request.POST.get("back", ""), anchor))
    key = (application.pk, choice.profile_id)
    ratings = review_selectors.rating_stats(call, application=application).get(
        key, review_selectors.NO_RATINGS
    )
    own = review_selectors.own_ratings(call, request.user, application=application).get(key)
    context = {
        "call": call,
        "application": application,
        "profile_id": choice.profile_id,
        "profile": choice.profile,
        "ratings": ratings,
        "own": own,
        "can_rate": _ratings_open(call),
        "scores": RatingPanel.scores,
        "error": error,
        "saved": not error,
        "back": request.POST.get("back", ""),
        "progress": review_selectors.rating_progress_of(call, request.user),
        "oob": True,
    }
    return render(request, "recruitment/review/_row_answer.html", context)
