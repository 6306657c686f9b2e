"""The evaluation survey's form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from deliberation.follow_up import survey_selectors
from deliberation.models import EvaluationAnswer


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
        choices = [(str(score), label) for score, label in survey_selectors.SCORE_LABELS.items()]
        for statement in EvaluationAnswer.STATEMENTS:
            self.fields[statement] = forms.TypedChoiceField(
                label=EvaluationAnswer._meta.get_field(statement).verbose_name,
                choices=choices,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def statements(self) -> list[forms.BoundField]:
        return [self[statement] for statement in EvaluationAnswer.STATEMENTS]
