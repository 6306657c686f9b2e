"""The citizen's application form: what they type, checked field by field and against the call."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from crispy_forms.utils import render_crispy_form
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from committees.models import Meeting
from core.cache import public_fragment
from core.forms import TextField
from core.models import PrivacyNotice
from recruitment.applications import ApplicationData, application_problems, who_may_apply
from recruitment.models import EXPERIENCE_MAX, MOTIVATION_MAX, Application, Call

CHOICE_FIELDS = ("choice_1", "choice_2", "choice_3")
TIE_FIELDS = ("tie", "postal_code", "other_tie")  # how the applicant is connected, where the call asks
CHOICE_LABELS = (_("1st choice"), _("2nd choice (optional)"), _("3rd choice (optional)"))
# The keys of application_problems() and the field that shows each problem.
PROBLEM_FIELDS = {
    "profiles": "choice_1",
    "available_meetings": "available_meetings",
    "postal_code": "postal_code",
    "other_tie": "other_tie",
    "tie": "tie",
    "takes_part_as_individual": "takes_part_as_individual",
}
# [0-9], not \d: \d also accepts Arabic-Indic and other Unicode digits.
postal_code_validator = RegexValidator(r"\A[0-9]{4}\Z", _("Write the four digits of your postal code."))
phone_validator = RegexValidator(
    r"\A\+?[0-9][0-9 ]*\Z", _("Write the phone number with digits, spaces and a leading + only.")
)


def _one_line(value: str) -> str:
    return " ".join(value.split())


def meeting_label(meeting: Meeting) -> str:
    starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
    return gettext("Meeting %(number)s: %(date)s, %(start)s–%(end)s") % {
        "number": meeting.number,
        "date": formats.date_format(starts, "DATE_FORMAT"),
        "start": formats.time_format(starts, "TIME_FORMAT"),
        "end": formats.time_format(ends, "TIME_FORMAT"),
    }


class ApplicationForm(forms.Form):
    """Built for one call. After is_valid(), `application_data` holds what the services take."""

    motivation = TextField(
        label=_("Why do you want to take part?"),
        max_length=MOTIVATION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    experience = TextField(
        label=_("Relevant experience (optional)"),
        max_length=EXPERIENCE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    available_meetings = forms.TypedMultipleChoiceField(
        label=_("Which of the fixed meetings can you attend?"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    tie = forms.ChoiceField(
        label=_("Your connection to the municipality"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Tell us how you are connected to the municipality.")},
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=4,
        validators=[postal_code_validator],
        help_text=_("If you live in one of the postal codes: four digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 4}),
    )
    other_tie = forms.CharField(
        label=_("Your connection, in one sentence"),
        required=False,
        max_length=300,
        help_text=_(
            "For example: I live in Dyssegård, I work at the hospital, or my child goes to school here."
        ),
    )
    organisation = forms.CharField(
        label=_("Organisation (optional)"),
        required=False,
        max_length=200,
        help_text=_("An association, a union or a company you are active in, if any."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    takes_part_as_individual = forms.BooleanField(
        label=_("I understand that I take part as an individual, not on behalf of my organisation"),
        required=False,
    )
    gender = forms.ChoiceField(
        label=_("Gender"), required=False, choices=[("", "—"), *Application.Gender.choices]
    )
    age_band = forms.ChoiceField(
        label=_("Age"), required=False, choices=[("", "—"), *Application.AgeBand.choices]
    )
    district = forms.ChoiceField(label=_("District"), required=False)
    phone = forms.CharField(
        label=_("Phone (optional)"),
        required=False,
        max_length=30,
        validators=[phone_validator],
        help_text=_("Only if you would like us to be able to call you."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )
    # The version the citizen was shown, so a notice published meanwhile is read before consenting.
    notice_version = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)

    def __init__(self, *args, call: Call, notice: PrivacyNotice | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.call, self.notice = call, notice
        self.application_data: ApplicationData | None = None
        profiles = [(p.pk, p.title) for p in call.mandate.profiles.all()]
        for name, label in list(zip(CHOICE_FIELDS, CHOICE_LABELS, strict=True))[: max(1, len(profiles))]:
            first = name == CHOICE_FIELDS[0]
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                coerce=int,
                required=first,
                empty_value=None,
                choices=[("", _("Choose a profile") if first else "—"), *profiles],
                error_messages={"required": _("Choose the profile you want most.")},
            )
        meetings = [m for m in call.mandate.committee.meetings.all() if m.state != Meeting.State.CANCELLED]
        self.fields["available_meetings"].choices = [(m.pk, meeting_label(m)) for m in meetings]
        self.fields["district"].choices = [("", "—"), *((d, d) for d in settings.RECRUITMENT_DISTRICTS)]
        # Interpolated here, not at import, so the text is in the visitor's language.
        self.fields["motivation"].help_text = gettext(
            "Up to %(max)s characters. Say in your own words why you would like to take part."
        ) % {"max": formats.number_format(MOTIVATION_MAX, force_grouping=True)}
        self.fields["experience"].help_text = gettext(
            "For example from school, work, associations or everyday life. Up to %(max)s characters."
        ) % {"max": formats.number_format(EXPERIENCE_MAX, force_grouping=True)}
        self._set_up_eligibility()
        self._set_up_consent()
        self.order_fields([*CHOICE_FIELDS])
        self.helper = self._helper()

    def _set_up_eligibility(self) -> None:
        """The connections the call's rule offers and the rule in words; none where anyone may apply."""
        call = self.call
        if call.eligibility == Call.Eligibility.ANYONE:
            for name in TIE_FIELDS:
                del self.fields[name]
            return
        other = (
            Application.Tie.OTHER,
            gettext("I have another real connection to the municipality or the question"),
        )
        if call.eligibility == Call.Eligibility.POSTAL_CODES:
            codes = ", ".join(call.postal_codes)
            choices = [
                (
                    Application.Tie.LIVES,
                    gettext("I live in one of the postal codes %(codes)s") % {"codes": codes},
                ),
                other,
            ]
        else:
            del self.fields["postal_code"]
            choices = [
                (Application.Tie.LIVES, gettext("I live in the municipality")),
                (Application.Tie.WORKS, gettext("I work in the municipality")),
                (Application.Tie.STUDIES, gettext("I study in the municipality")),
                other,
            ]
        self.fields["tie"].choices = choices
        self.fields["tie"].help_text = who_may_apply(call)

    def _set_up_consent(self) -> None:
        field = self.fields["consent"]
        version = self.notice.version if self.notice else "?"
        field.label = gettext("I have read the privacy notice (version %(version)s)") % {"version": version}
        field.help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> {}',
            reverse("privacy"),
            gettext("Read the privacy notice"),
            gettext("(opens in a new tab). We use your answers only to put the committee together."),
        )
        self.fields["notice_version"].initial = version
        sent = self.data.get(self.add_prefix("notice_version")) if self.is_bound else None
        # A form sent without the version (an old draft, a script) counts as having shown the current one.
        self.notice_changed = bool(sent and self.notice and sent != self.notice.version)
        if self.is_bound and self.notice and sent != self.notice.version:
            self.data = self.data.copy()
            self.data[self.add_prefix("notice_version")] = self.notice.version
            if self.notice_changed:  # show the new version and ask for the tick again; the rest stays
                self.data.pop(self.add_prefix("consent"), None)

    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the template's <form> has the token
        helper.layout = Layout(
            Fieldset(
                _("The profiles you fit, in order of preference"),
                *(n for n in CHOICE_FIELDS if n in self.fields),
            ),
            Fieldset(_("About you"), "motivation", "experience"),
            "available_meetings",
            # The radio group is a fieldset of its own; another around it would only repeat the legend.
            Div(*(n for n in TIE_FIELDS if n in self.fields), css_class="mb-4"),
            Fieldset(_("Organisation"), "organisation", "takes_part_as_individual"),
            Fieldset(
                _("Optional: used only to give the committee a varied composition"),
                "gender",
                "age_band",
                "district",
            ),
            Fieldset(_("Contact and consent"), "phone", "consent", "notice_version"),
        )
        return helper

    def clean_other_tie(self) -> str:
        return _one_line(self.cleaned_data["other_tie"])

    def clean_organisation(self) -> str:
        return _one_line(self.cleaned_data["organisation"])

    def clean_phone(self) -> str:
        return _one_line(self.cleaned_data["phone"])

    def clean(self) -> dict:
        data = super().clean()
        if self.notice is None:
            raise ValidationError(
                _(
                    "Applications cannot be received until a privacy notice is published. "
                    "Please try again later."
                )
            )
        if self.notice_changed:
            self._errors.pop("consent", None)  # this says more than "please confirm"
            self.add_error(
                "consent",
                gettext(
                    "The privacy notice has changed to version %(version)s. "
                    "Please read it and tick the box again."
                )
                % {"version": self.notice.version},
            )
        profile_ids = self._profile_ids(data)
        tie = data.get("tie", "")
        self.application_data = ApplicationData(
            profile_ids=profile_ids,
            motivation=data.get("motivation", ""),
            experience=data.get("experience", ""),
            available_meeting_ids=data.get("available_meetings", []),
            tie=tie,
            postal_code=data.get("postal_code", "") if tie == Application.Tie.LIVES else "",
            other_tie=data.get("other_tie", "") if tie == Application.Tie.OTHER else "",
            organisation=data.get("organisation", ""),
            takes_part_as_individual=data.get("takes_part_as_individual", False),
            gender=data.get("gender", ""),
            age_band=data.get("age_band", ""),
            district=data.get("district", ""),
            phone=data.get("phone", ""),
        )
        self.add_problems(application_problems(self.call, self.application_data))
        return data

    def _profile_ids(self, data: dict) -> list[int]:
        """The chosen profiles in order; an empty 2nd choice before a 3rd just moves the 3rd up."""
        chosen: list[int] = []
        for name in CHOICE_FIELDS:
            pk = data.get(name)
            if pk is None:
                continue
            if pk in chosen:
                self.add_error(
                    name, _("You chose this profile already. Choose another one or leave it empty.")
                )
            else:
                chosen.append(pk)
        return chosen

    def add_problems(self, problems: dict[str, str] | ValidationError) -> None:
        """Show the services' problems next to their fields, unless the field already explains itself."""
        if isinstance(problems, ValidationError):
            problems = (
                {key: " ".join(messages) for key, messages in problems.message_dict.items()}
                if hasattr(problems, "error_dict")
                else {None: " ".join(problems.messages)}
            )
        for key, message in problems.items():
            name = PROBLEM_FIELDS.get(key) or (key if key in self.fields else None)
            if name in ("postal_code", "other_tie") and "tie" in self.errors:
                continue
            if name is None or name not in self.errors:
                self.add_error(name, message)

    def error_links(self) -> list[tuple[str, str, str]]:
        """(element id, label, message) for the summary at the top of the page, in the form's order."""
        links = []
        for bound in self:
            for message in bound.errors:
                multiple = isinstance(bound.field.widget, forms.RadioSelect)
                links.append((f"{bound.auto_id}_0" if multiple else bound.auto_id, bound.label, message))
        return links


def rendered_fields(form: ApplicationForm) -> str:
    """The form's fields as HTML, with what was typed and what is wrong."""
    if form.is_bound or form.initial:
        return render_crispy_form(form)
    return empty_fields(form.call, form.notice, form)


def empty_fields(call: Call, notice: PrivacyNotice | None, form: ApplicationForm | None = None) -> str:
    """The empty form's fields as HTML. They show only the call's profiles and meetings and the privacy
    notice's version, the same to everyone: rendered once and kept until public data changes, so a form
    is built (unless one is given) only to render them."""
    version = notice.version if notice else ""
    return public_fragment(
        f"application-form:{call.pk}:{version}",
        lambda: render_crispy_form(form if form is not None else ApplicationForm(call=call, notice=notice)),
    )


# A value of a field without a length of its own (a box ticked, a hidden version) is short.
SHORT_VALUE = 20


def draft_of(form: forms.Form) -> dict[str, list[str]]:
    """What an anonymous visitor typed, to keep in their session until they have signed in: the form's own
    fields only, each within the form's own limits (its length, one value, or the choices it offers), so a
    draft holds a few kilobytes at most, whatever was posted. Text beyond its limit is cut there."""
    draft: dict[str, list[str]] = {}
    for name, field in form.fields.items():
        values = form.data.getlist(form.add_prefix(name)) if hasattr(form.data, "getlist") else []
        if isinstance(field, forms.MultipleChoiceField):
            offered = {str(key) for key, _label in field.choices}
            kept = list(dict.fromkeys(v for v in values if v in offered))
        elif isinstance(field, forms.ChoiceField):
            offered = {str(key) for key, _label in field.choices}
            kept = [v for v in values[:1] if v in offered]
        else:
            limit = getattr(field, "max_length", None) or SHORT_VALUE
            kept = [v.replace("\r\n", "\n")[:limit] for v in values[:1]]
        if kept:
            draft[name] = kept
    return draft


def initial_from(application: Application) -> dict:
    """The form's initial values for changing an application."""
    initial = {name: getattr(application, name) for name in ApplicationData.FIELDS}
    initial.update(
        {
            name: choice.profile_id
            for name, choice in zip(CHOICE_FIELDS, application.choices.order_by("rank"), strict=False)
        }
    )
    initial["available_meetings"] = [m.pk for m in application.available_meetings.all()]
    initial["tie"] = application.tie
    initial["consent"] = True
    return initial
