"""The committee's forms: a consultation with its questions and draft sections, "what we heard", a dialogue
meeting, attendance and a meeting's public summary."""

from __future__ import annotations

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from consultations.dialogue import MeetingData
from consultations.forms import one_line
from consultations.models import Consultation, Contribution, DialogueMeeting
from consultations.models.consultation import INTRODUCTION_MAX
from consultations.moderation import TAG_MAX, TAGS_PER_CONTRIBUTION
from consultations.setup import Question
from core.forms import TextField

LOCAL_MINUTE = "%Y-%m-%dT%H:%M"
MAX_QUESTIONS = 12


def moment_field(label) -> forms.DateTimeField:
    """A date and time picked in the browser's own control (ISO 8601 without seconds)."""
    return forms.DateTimeField(
        label=label, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_MINUTE)
    )


class PeriodForm(forms.Form):
    def clean(self) -> dict:
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("Choose an end after the start."))
        return data


class ConsultationForm(PeriodForm):
    title = forms.CharField(label=_("Title"), max_length=200)
    introduction = TextField(
        label=_("Introduction"),
        max_length=INTRODUCTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "What the committee works on, what it asks the public, and what happens with the answers."
        ),
    )
    starts_at = moment_field(_("Opens"))
    ends_at = moment_field(_("Closes"))
    sections = forms.MultipleChoiceField(
        label=_("Sections of the draft to consult on"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Their text as it stands when you publish the consultation becomes public, "
            "with the version's number."
        ),
    )

    def __init__(self, *args, draft=None, items_fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        sections = draft.sections if draft is not None and draft.drafting else ()
        self.fields["sections"].choices = [(s.key, s.heading or "–") for s in sections]
        if items_fixed or not sections:
            del self.fields["sections"]

    def clean_title(self) -> str:
        return one_line(self.cleaned_data["title"])


class QuestionForm(forms.Form):
    title = forms.CharField(label=_("Question"), max_length=300, required=False)
    body = TextField(
        label=_("Explanation (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("body") and not data.get("title"):
            self.add_error("title", _("Write the question the explanation belongs to."))
        return data


QuestionFormSet = forms.formset_factory(
    QuestionForm, extra=2, max_num=MAX_QUESTIONS, absolute_max=MAX_QUESTIONS, validate_max=True
)


def questions_from(formset) -> list[Question]:
    return [
        Question(title=one_line(form.cleaned_data["title"]), body=form.cleaned_data.get("body", ""))
        for form in formset.forms
        if form.cleaned_data.get("title")
    ]


def consultation_initial(consultation: Consultation) -> tuple[dict, list[dict]]:
    items = list(consultation.items.all())
    initial = {
        "title": consultation.title,
        "introduction": consultation.introduction,
        "starts_at": consultation.starts_at,
        "ends_at": consultation.ends_at,
        "sections": [item.section_key for item in items if item.is_section],
    }
    questions = [{"title": item.title, "body": item.body} for item in items if not item.is_section]
    return initial, questions


class HideForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why"),
        choices=[("", _("Choose a reason")), *Contribution.HideReason.choices],
        error_messages={"required": _("Choose why the contribution is hidden.")},
    )


class TagForm(forms.Form):
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=(TAG_MAX + 2) * TAGS_PER_CONTRIBUTION,
        help_text=_("Separate tags with commas."),
    )


class ReportForm(forms.Form):
    summary = TextField(
        label=_("What we heard"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("A summary in plain words. Blank lines separate paragraphs."),
    )
    meetings = forms.ModelMultipleChoiceField(
        label=_("Dialogue meetings to link to"),
        queryset=DialogueMeeting.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, consultation: Consultation, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"how_used_{item.pk}"] = TextField(
                label=_("How the input on “%(title)s” was used") % {"title": item.title},
                max_length=10_000,
                required=False,
                initial=item.how_used,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
        meetings = DialogueMeeting.objects.public().filter(committee_id=consultation.committee_id)
        self.fields["meetings"].queryset = meetings
        self.fields["meetings"].label_from_instance = lambda m: (
            f"{m.title} ({formats.date_format(timezone.localtime(m.starts_at), 'DATE_FORMAT')})"
        )
        if not meetings.exists():
            del self.fields["meetings"]

    def how_used(self) -> dict[int, str]:
        return {item.pk: self.cleaned_data.get(f"how_used_{item.pk}", "") for item in self.items}

    def item_fields(self):
        return [self[f"how_used_{item.pk}"] for item in self.items]


class MeetingForm(PeriodForm):
    kind = forms.ChoiceField(label=_("Kind of meeting"), choices=DialogueMeeting.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = moment_field(_("Starts"))
    ends_at = moment_field(_("Ends"))
    place = forms.CharField(
        label=_("Place"), max_length=300, required=False, help_text=_("The address, and the room.")
    )
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        assume_scheme="https",
        help_text=_("Only people with a seat see the link."),
    )
    capacity = forms.IntegerField(label=_("Seats"), min_value=1, max_value=10_000)
    programme = TextField(label=_("Programme"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))
    accessibility = TextField(
        label=_("Accessibility of the venue"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Step-free access, toilets, hearing loop, parking, how to get there."),
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("place") and not data.get("online_url") and "online_url" not in self.errors:
            self.add_error("place", _("Give a place, an online link, or both."))
        return data

    def clean_title(self) -> str:
        return one_line(self.cleaned_data["title"])

    @property
    def data_for_service(self) -> MeetingData:
        data = self.cleaned_data
        return MeetingData(**{name: data[name] for name in MeetingData.__dataclass_fields__})


def meeting_initial(meeting: DialogueMeeting) -> dict:
    return {name: getattr(meeting, name) for name in MeetingData.__dataclass_fields__}


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, seated, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(r.pk), r.name) for r in seated]

    def present_ids(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["present"]]


class SummaryForm(forms.Form):
    summary = TextField(
        label=_("Public summary"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What the meeting gave, for everyone to read. Name nobody who did not agree to it."),
    )


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the meeting cancelled? (told to everyone registered)"), max_length=500, required=False
    )

    def clean_reason(self) -> str:
        return one_line(self.cleaned_data["reason"])
