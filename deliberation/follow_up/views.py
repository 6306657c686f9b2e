"""After the decision: the members' evaluation survey (the public progress page is portal's)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from deliberation.follow_up import evaluation
from deliberation.models import EvaluationAnswer
from mandates.models import Mandate


def _public_mandate(slug: str) -> Mandate:
    mandate = Mandate.objects.exclude(state=Mandate.State.DRAFT).filter(slug=slug).first()
    if mandate is None:
        raise Http404("No public committee with that address.")
    return mandate


class EvaluationForm(forms.Form):
    free_text = forms.CharField(
        label=gettext_lazy("Anything else you want to tell us"),
        help_text=gettext_lazy("Read by the administration only; never published."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [(str(score), label) for score, label in evaluation.SCORE_LABELS.items()]
        for statement in EvaluationAnswer.STATEMENTS:
            self.fields[statement] = forms.TypedChoiceField(
                label=EvaluationAnswer._meta.get_field(statement).verbose_name,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def statements(self) -> list[forms.BoundField]:
        return [self[statement] for statement in EvaluationAnswer.STATEMENTS]


def _survey_mandate(request: HttpRequest, slug: str) -> Mandate:
    """Only the committee's citizens and politicians, once it has concluded; anyone else gets 404."""
    mandate = _public_mandate(slug)
    if (
        not evaluation.is_surveyed(mandate=mandate, user=request.user)
        or evaluation.survey_of(mandate) is None
    ):
        raise Http404("No survey for you here.")
    return mandate


@login_required
def survey(request: HttpRequest, slug: str) -> HttpResponse:
    mandate = _survey_mandate(request, slug)
    survey = evaluation.survey_of(mandate)
    if evaluation.has_answered(mandate=mandate, user=request.user):
        return render(request, "deliberation/after/evaluation_answered.html", {"mandate": mandate})
    if not evaluation.is_open(mandate):
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
