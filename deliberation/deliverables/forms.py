"""The form a politician proposes an amendment with: the passage is chosen on the text as the page shows it
(words selected in the rendered section, or one of its paragraphs, or the whole section) and the new
wording is plain words. It never asks for Markdown."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from deliberation.deliverables.passages import paragraphs
from deliberation.deliverables.review import Selection

SELECTION = "selection"


def passage_choices(sections) -> list[dict]:
    """Per submitted section: its key, heading and paragraphs as shown, each with the value that picks it."""
    return [
        {
            "key": s["key"],
            "heading": s["heading"],
            "whole": f"whole:{s['key']}",
            "paragraphs": [(f"para:{s['key']}:{n}", text) for n, text in enumerate(paragraphs(s["body"]))],
        }
        for s in sections
    ]


class AmendmentForm(forms.Form):
    passage = forms.ChoiceField(
        label=_("What do you want to change?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what to change: select words in the text, or pick a paragraph.")
        },
    )
    selection_key = forms.CharField(required=False, widget=forms.HiddenInput)
    selection_start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    selection_end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    selection_text = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    proposed_text = forms.CharField(
        label=_("New wording"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        help_text=_("Write the words as they should read. No formatting is needed."),
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = passage_choices(sections)
        values = [SELECTION] + [
            value for s in self.sections for value in (s["whole"], *(v for v, _text in s["paragraphs"]))
        ]
        self.fields["passage"].choices = [(value, value) for value in values]

    def clean(self):
        data = super().clean()
        if data.get("passage") == SELECTION and not (
            data.get("selection_key") and (data.get("selection_text") or "").strip()
        ):
            self.add_error("passage", _("Select the words to change in the text first, or pick a paragraph."))
        return data

    def service_arguments(self) -> dict:
        """The amendment_propose arguments this form's answer stands for."""
        data = self.cleaned_data
        common = {"proposed_text": data["proposed_text"], "reason": data["reason"]}
        kind, _colon, rest = data["passage"].partition(":")
        if kind == SELECTION:
            selection = Selection(
                start=data["selection_start"] or 0,
                end=data["selection_end"] or 0,
                text=data["selection_text"],
            )
            return {**common, "section_key": data["selection_key"], "selection": selection}
        if kind == "para":
            key, _colon, number = rest.rpartition(":")
            return {**common, "section_key": key, "paragraph": int(number)}
        return {**common, "section_key": rest}
