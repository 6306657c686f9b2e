"""The public's forms: a contribution and a registration for a dialogue meeting. What someone typed comes
back with every error, and the services' problems are shown next to the field they concern."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.urls import reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from consultations.contributing import ContributionData
from consultations.models import CONTRIBUTION_MAX, Contribution, Registration
from consultations.registrations import RegistrationData
from core.forms import TextField
from core.models import PrivacyNotice
from mandates.documents import validate_pdf


def one_line(value: str) -> str:
    return " ".join(value.split())


def add_problems(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal, next to its field when it names one of the form's, else at the top."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            form.add_error(name if name in form.fields else None, " ".join(messages))
    else:
        form.add_error(None, " ".join(error.messages))


class NoticeConsentForm(forms.Form):
    """The privacy notice's version goes with the form; one published meanwhile is asked for again."""

    consent = forms.BooleanField(
        error_messages={"required": _("Please confirm that you have read the privacy notice.")},
    )
    notice_version = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    consent_help = _("(opens in a new tab).")

    def __init__(self, *args, notice: PrivacyNotice | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = notice
        version = notice.version if notice else "?"
        field = self.fields["consent"]
        field.label = gettext("I have read the privacy notice (version %(version)s)") % {"version": version}
        field.help_text = format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a> {}',
            reverse("privacy"),
            gettext("Read the privacy notice"),
            self.consent_help,
        )
        self.fields["notice_version"].initial = version
        sent = self.data.get(self.add_prefix("notice_version")) if self.is_bound else None
        self.notice_changed = bool(sent and notice and sent != notice.version)
        if self.is_bound and notice and sent != notice.version:
            self.data = self.data.copy()
            self.data[self.add_prefix("notice_version")] = notice.version
            if self.notice_changed:
                self.data.pop(self.add_prefix("consent"), None)

    def clean(self) -> dict:
        data = super().clean()
        if self.notice is None:
            raise ValidationError(
                _("Nothing can be received until a privacy notice is published. Please try again later.")
            )
        if self.notice_changed:
            self._errors.pop("consent", None)
            self.add_error(
                "consent",
                gettext(
                    "The privacy notice has changed to version %(version)s. "
                    "Please read it and tick the box again."
                )
                % {"version": self.notice.version},
            )
        return data

    def make_helper(self, *fieldsets) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the template's <form> has the token
        helper.layout = Layout(*fieldsets)
        return helper


class ContributionForm(NoticeConsentForm):
    body = TextField(
        label=_("Your contribution"),
        max_length=CONTRIBUTION_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Write your contribution.")},
    )
    attachment = forms.FileField(
        label=_("A PDF file (optional)"),
        required=False,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    kind = forms.ChoiceField(
        label=_("You write"),
        choices=Contribution.Kind.choices,
        widget=forms.RadioSelect,
        initial=Contribution.Kind.PRIVATE,
        error_messages={
            "required": _("Tell us whether you write as a private person or for an organisation.")
        },
    )
    organisation = forms.CharField(
        label=_("The organisation's name"),
        required=False,
        max_length=200,
        help_text=_("Only if you write on behalf of an organisation."),
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    publication = forms.ChoiceField(
        label=_("Publication"),
        choices=Contribution.Publication.choices,
        widget=forms.RadioSelect,
        initial=Contribution.Publication.NAMED,
        error_messages={"required": _("Choose whether your name is published with your contribution.")},
    )
    consent_help = _(
        "(opens in a new tab). We publish your contribution as you choose above; "
        "your email address is never shown."
    )

    def __init__(self, *args, contribution: Contribution | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contribution = contribution
        self.fields["body"].help_text = gettext("Up to %(max)s characters.") % {
            "max": formats.number_format(CONTRIBUTION_MAX, force_grouping=True)
        }
        self.fields["attachment"].help_text = gettext(
            "For example a statement from your organisation. PDF only, at most 10 MB."
        )
        if contribution is not None and contribution.attachment:
            self.fields["attachment"].help_text += " " + gettext(
                "A PDF is attached already; choose another file to replace it."
            )
            self.fields["remove_attachment"] = forms.BooleanField(
                label=_("Remove the attached PDF"), required=False
            )
        self.order_fields(["body", "attachment", "remove_attachment"])
        extra = ["remove_attachment"] if "remove_attachment" in self.fields else []
        self.helper = self.make_helper(
            "body",
            "attachment",
            *extra,
            "kind",
            "organisation",
            "publication",
            Fieldset(_("Consent"), "consent", "notice_version"),
        )

    def clean_organisation(self) -> str:
        return one_line(self.cleaned_data["organisation"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") == Contribution.Kind.ORGANISATION and not data.get("organisation"):
            self.add_error("organisation", _("Name the organisation you write on behalf of."))
        return data

    @property
    def data_for_service(self) -> ContributionData:
        data = self.cleaned_data
        return ContributionData(
            body=data["body"],
            kind=data["kind"],
            organisation=data.get("organisation", ""),
            publication=data["publication"],
            attachment=data.get("attachment") or None,
            remove_attachment=bool(data.get("remove_attachment")),
        )


def initial_from(contribution: Contribution) -> dict:
    return {
        "body": contribution.body,
        "kind": contribution.kind,
        "organisation": contribution.organisation,
        "publication": contribution.publication,
        "consent": True,
    }


class RegistrationForm(NoticeConsentForm):
    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Write your name.")},
    )
    access_needs = forms.MultipleChoiceField(
        label=_("Do you need any of these to take part?"),
        choices=Registration.AccessNeed.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the committee's facilitators see this, and it is deleted after the meeting."),
    )
    access_details = TextField(
        label=_("Anything we should know (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example which sign language, or a food allergy."),
    )
    consent_help = _("(opens in a new tab). We use your name and needs only to plan the meeting.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = self.make_helper(
            "name", "access_needs", "access_details", Fieldset(_("Consent"), "consent", "notice_version")
        )

    def clean_name(self) -> str:
        name = one_line(self.cleaned_data["name"])
        if not name:
            raise ValidationError(_("Write your name."))
        return name

    @property
    def data_for_service(self) -> RegistrationData:
        data = self.cleaned_data
        return RegistrationData(
            name=data["name"], access_needs=list(data["access_needs"]), access_details=data["access_details"]
        )
