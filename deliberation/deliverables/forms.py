"""The deliverable's forms: the title and sections while drafting, a comment, and the amendment a politician
proposes. In the amendment form the passage is chosen on the text as the page shows it (words selected in the
rendered section, or one of its paragraphs, or the whole section) and the new wording is plain words. It never
asks for Markdown."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy, pgettext_lazy
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


class TitleForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=300)


class SectionForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput, required=False)
    heading = forms.CharField(
        label=gettext_lazy("Heading"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    body = forms.CharField(
        label=gettext_lazy("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "class": "form-control"}),
        help_text=gettext_lazy("Markdown: *emphasis*, **strong**, lists with - and links."),
    )

    def has_changed(self) -> bool:
        # A new section nobody wrote in is left out, whatever position the script gave it.
        if self.initial:
            return super().has_changed()
        return any(str(self[name].value() or "").strip() for name in ("heading", "body"))


class BaseSectionFormSet(forms.BaseFormSet):
    ordering_widget = forms.NumberInput

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = pgettext_lazy("order of a section", "Position")
        form.fields["ORDER"].widget.attrs.update({"class": "form-control section-position", "min": 1})
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"
        form.fields["DELETE"].label = _("Remove this section")


SectionFormSet = forms.formset_factory(
    SectionForm, formset=BaseSectionFormSet, extra=1, can_order=True, can_delete=True
)


class CommentForm(forms.Form):
    section_key = forms.CharField(widget=forms.HiddenInput)
    body = forms.CharField(
        label=gettext_lazy("Your comment"), widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"})
    )
