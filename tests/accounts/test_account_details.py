"""Sign-up mail carries nothing the requester typed, and a person changes their own name and email language.

Anyone can sign up any address: the verification mail goes to it from the municipality's sender, so a name
typed at sign-up ("Your NemID expires, confirm at https://…") must not reach that inbox. Whoever signed the
address up first also chose the name and language; the owner changes them on the account page.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import User
from audit.models import Entry

pytestmark = pytest.mark.django_db

PHISHING = "Din NemID udløber – bekræft på https://nemid-fornyelse.example"
DETAILS = reverse("accounts:details")


@pytest.mark.parametrize("language", ["da", "en"])
def test_the_verification_mail_does_not_carry_the_name_typed_at_sign_up(client, language):
    client.cookies["django_language"] = language
    client.post(
        reverse("account_signup"),
        {"email": "offer@example.dk", "full_name": PHISHING, "preferred_language": language},
    )

    message = mail.outbox[-1]
    assert message.to == ["offer@example.dk"]
    for part in (
        message.subject,
        message.body,
        *(content for content, _type in getattr(message, "alternatives", [])),
    ):
        assert "NemID" not in part and "nemid-fornyelse" not in part, part
    assert User.objects.get(email="offer@example.dk").full_name == PHISHING  # kept, but never mailed


def test_the_sign_in_code_mail_carries_nothing_typed_either(client, citizen):
    citizen.full_name = PHISHING
    citizen.save()
    client.post(reverse("account_request_login_code"), {"email": citizen.email})
    message = mail.outbox[-1]
    assert "NemID" not in message.subject + message.body


def test_a_person_changes_their_own_name_and_email_language(client, citizen, english):
    client.force_login(citizen)
    page = client.get(DETAILS)
    assert page.status_code == 200
    assert 'value="Ida Jensen"' in page.content.decode()

    response = client.post(
        DETAILS, {"full_name": "  Ida   Marie Jensen ", "preferred_language": "en"}, follow=True
    )

    citizen.refresh_from_db()
    assert (citizen.full_name, citizen.preferred_language) == ("Ida Marie Jensen", "en")
    assert "Your name and email language are saved." in response.content.decode()
    entry = Entry.objects.get(action="user.details_changed")
    assert (entry.actor, entry.data) == (citizen, {"fields": ["full_name", "preferred_language"]})


def test_an_empty_name_is_refused_in_danish_and_the_language_chosen_is_kept(client, citizen):
    client.force_login(citizen)
    response = client.post(DETAILS, {"full_name": "   ", "preferred_language": "en"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Skriv venligst dit navn." in body
    assert '<option value="en" selected>' in body
    citizen.refresh_from_db()
    assert citizen.full_name == "Ida Jensen"


def test_a_language_we_do_not_write_in_is_refused(client, citizen):
    client.force_login(citizen)
    response = client.post(DETAILS, {"full_name": "Ida", "preferred_language": "xx"})
    assert response.status_code == 200 and response.context["form"].errors["preferred_language"]


def test_the_account_menu_links_to_the_page_and_strangers_are_sent_to_sign_in(client, citizen):
    response = client.get(DETAILS)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(citizen)
    assert f'href="{DETAILS}"' in client.get(reverse("home")).content.decode()
