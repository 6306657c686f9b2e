"""The meeting record's forms: the record itself, an action item and an attachment."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from committees.models import Meeting, Membership
from deliberation.models import MeetingRecord


def _members(meeting: Meeting):
    return (
        Membership.objects.active()
        .filter(committee_id=meeting.committee_id)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def _member_label(membership: Membership) -> str:
    # The querysets select the user, so a long checklist costs no query per member.
    return f"{membership.user.get_full_name()} ({membership.get_role_display()})"


class RecordForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Present"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    internal_notes = forms.CharField(
        label=gettext_lazy("Internal notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        help_text=gettext_lazy("Only members, facilitators and staff read these; they are never public."),
    )
    decisions = forms.CharField(
        label=gettext_lazy("Decisions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )
    ideas = forms.CharField(
        label=gettext_lazy("Ideas"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )
    summary = forms.CharField(
        label=gettext_lazy("Decision summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "form-control"}),
        help_text=gettext_lazy("Public on the committee page once you publish it."),
    )

    def __init__(self, *args, meeting: Meeting, record: MeetingRecord, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Someone who has left stays on the list of a meeting they attended.
        members = Membership.objects.filter(committee_id=meeting.committee_id).select_related("user")
        active = members.active()
        members = (active | members.filter(pk__in=record.present.values("pk"))) if record.pk else active
        field = self.fields["present"]
        field.queryset = members.order_by("role", "user__full_name")
        field.label_from_instance = _member_label
        field.error_messages["invalid_choice"] = _("Only members of this committee can be marked present.")


class ActionItemForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Action"), max_length=500, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    owner = forms.ModelChoiceField(
        label=gettext_lazy("Owner"),
        queryset=Membership.objects.none(),
        required=False,
        empty_label=gettext_lazy("No one yet"),
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    due_on = forms.DateField(
        label=gettext_lazy("Due"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, meeting: Meeting, **kwargs) -> None:
        super().__init__(*args, prefix="item", **kwargs)
        self.fields["owner"].queryset = _members(meeting)
        self.fields["owner"].label_from_instance = _member_label


class AttachmentForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    file = forms.FileField(
        label=gettext_lazy("PDF file"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": "application/pdf,.pdf"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, prefix="attachment", **kwargs)
