"""After the decision: the members' evaluation survey (the public progress page is portal's)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from deliberation.follow_up import evaluation, survey_selectors
from deliberation.follow_up.forms import EvaluationForm
from deliberation.models import EvaluationAnswer
from mandates.models import Mandate


def _public_mandate(slug: str) -> Mandate:
    mandate = Mandate.objects.exclude(state=Mandate.State.DRAFT).filter(slug=slug).first()
    if mandate is None:
        raise Http404("No public committee with that address.")
    return mandate


def _survey_mandate(request: HttpRequest, slug: str) -> Mandate:
    """Only the committee's citizens and politicians, once it has concluded; anyone else gets 404."""
    mandate = _public_mandate(slug)
    if (
        not survey_selectors.is_surveyed(mandate=mandate, user=request.user)
        or survey_selectors.survey_of(mandate) is None
    ):
        raise Http404("No survey for you here.")
    return mandate


@login_required
def survey(request: HttpRequest, slug: str) -> HttpResponse:
    mandate = _survey_mandate(request, slug)
    survey = survey_selectors.survey_of(mandate)
    if survey_selectors.has_answered(mandate=mandate, user=request.user):
        return render(request, "deliberation/after/evaluation_answered.html", {"mandate": mandate})
    if not survey_selectors.is_open(mandate):
        return render(
            request, "deliberation/after/evaluation_closed.html", {"mandate": mandate, "survey": survey}
        )
    form = EvaluationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation.evaluation_answer(
                mandate=mandate,
                user=request.user,
                answers={s: data[s] for s in EvaluationAnswer.STATEMENTS},
                free_text=data["free_text"],
            )
        except ValidationError as error:
            if error.code in ("answered", "closed"):  # a second tab, a double click, or too late
                return redirect("deliberation:evaluation", slug=mandate.slug)
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for answering the survey."))
            return redirect("deliberation:evaluation", slug=mandate.slug)
    context = {"mandate": mandate, "form": form, "survey": survey}
    return render(request, "deliberation/after/evaluation.html", context)
