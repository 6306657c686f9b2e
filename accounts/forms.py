"""What allauth's sign-up form asks besides the email address, and the page where people change it later."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PersonDetailsForm(forms.Form):
    """A person's name and the language of their emails: asked at sign-up, changed on the account page."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please write your name.")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for emails"), choices=settings.LANGUAGES, required=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = (get_language() or "da")[:2]

    def clean_full_name(self) -> str:
        return " ".join(self.cleaned_data["full_name"].split())


class SignupDetailsForm(PersonDetailsForm):
    def signup(self, request, user) -> None:
        user.full_name = self.cleaned_data["full_name"]
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save(update_fields=["full_name", "preferred_language"])


def _passwordless_signup_form():
    # allauth builds its SignupForm on top of ACCOUNT_SIGNUP_FORM_CLASS, so import it lazily.
    from allauth.account.forms import SignupForm

    class PasswordlessSignupForm(SignupForm):
        """Citizens sign up with an email address and sign in by code: no password to forget."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields.pop("password1", None)
            self.fields.pop("password2", None)

    return PasswordlessSignupForm


def __getattr__(name: str):
    if name == "PasswordlessSignupForm":
        return _passwordless_signup_form()
    raise AttributeError(name)
