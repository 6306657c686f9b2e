"""A citizen never needs a password: sign up with an email address, confirm by code, sign in by code."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User

pytestmark = pytest.mark.django_db


def code_from_last_mail() -> str:
    body = mail.outbox[-1].body
    match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", body, re.MULTILINE)
    assert match, f"no code in the mail:\n{body}"
    return match.group(1)


def test_a_citizen_signs_up_without_a_password_and_confirms_with_the_mailed_code(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.citizen@example.dk",
            "full_name": "  Ny   Borger ",
            "preferred_language": "en",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert mail.outbox[-1].to == ["new.citizen@example.dk"]

    response = client.post(response["Location"], {"code": code_from_last_mail()})
    assert response.status_code == 302

    user = User.objects.get(email="new.citizen@example.dk")
    assert user.full_name == "Ny Borger"
    assert user.preferred_language == "en"
    assert not user.has_usable_password()
    assert client.get(reverse("home")).context["user"] == user


def test_a_citizen_signs_in_with_a_code_from_the_mail(client, citizen):
    response = client.post(reverse("account_request_login_code"), {"email": citizen.email})
    assert response.status_code == 302
    assert mail.outbox[-1].to == [citizen.email]

    response = client.post(reverse("account_confirm_login_code"), {"code": code_from_last_mail()})
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == citizen


def test_a_wrong_code_is_refused_with_a_message_and_signs_nobody_in(client, citizen):
    client.post(reverse("account_request_login_code"), {"email": citizen.email})
    response = client.post(reverse("account_confirm_login_code"), {"code": "WRONG1"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_sign_up_without_a_name_keeps_the_email_typed_and_explains_in_danish(client):
    response = client.post(
        reverse("account_signup"),
        {"email": "keep.me@example.dk", "full_name": "   ", "preferred_language": "da"},
        HTTP_ACCEPT_LANGUAGE="da",
    )
    assert response.status_code == 200
    assert 'value="keep.me@example.dk"' in response.content.decode()
    assert "Skriv venligst dit navn." in response.content.decode()
    assert not User.objects.filter(email="keep.me@example.dk").exists()


def test_email_addresses_are_one_account_whatever_their_case(client, citizen):
    client.post(
        reverse("account_signup"),
        {"email": citizen.email.upper(), "full_name": "Double", "preferred_language": "da"},
    )
    assert User.objects.filter(email__iexact=citizen.email).count() == 1
