"""Sending the application before signing in: every sign-in and sign-up page says plainly that it is kept
and will be sent once signed in; it is sent then, and the person is told so."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.models import PrivacyNotice
from recruitment.models import Application
from tests.recruitment.citizen_factories import answers
from tests.recruitment.factories import call_with_committee

pytestmark = pytest.mark.django_db
KEPT = "Your application to “{title}” is kept."
SENT_ONCE_SIGNED_IN = "It will be sent as soon as you are signed in"


@pytest.fixture
def call():
    return call_with_committee(profiles=2, meetings=3)


@pytest.fixture(autouse=True)
def _english(client):
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})


def apply_url(call) -> str:
    return reverse("recruitment:apply", args=[call.pk])


def code_from_last_mail() -> str:
    return re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", mail.outbox[-1].body, re.MULTILINE).group(1)


def says_it_is_kept(html: str, call) -> bool:
    return KEPT.format(title=call.mandate.title) in html and SENT_ONCE_SIGNED_IN in html


def link(html: str, path: str) -> str:
    """The page's link to `path` that carries the way back (the header has plain ones too)."""
    return re.search(rf'href="({re.escape(path)}\?next=[^"]*)"', html).group(1).replace("&amp;", "&")


def test_the_sign_in_pages_say_the_application_is_kept_and_the_code_sends_it(client, call, citizen):
    login = client.post(apply_url(call), answers(call))["Location"]
    login_page = client.get(login).content.decode()
    assert says_it_is_kept(login_page, call)

    code_page = client.get(link(login_page, reverse("account_request_login_code"))).content.decode()
    assert says_it_is_kept(code_page, call)
    confirm = client.post(link(login_page, reverse("account_request_login_code")), {"email": citizen.email})
    assert says_it_is_kept(client.get(confirm["Location"]).content.decode(), call)

    back = client.post(confirm["Location"], {"code": code_from_last_mail()})
    page = client.get(back["Location"], follow=True)

    application = Application.objects.get(applicant=citizen)
    html = page.content.decode()
    assert "You are signed in, and your application is sent." in html and application.reference in html
    assert not says_it_is_kept(html, call)
    assert not says_it_is_kept(client.get(reverse("account_login")).content.decode(), call)


def test_the_sign_up_pages_say_so_too_and_the_new_account_sends_it(client, call):
    login_page = client.get(client.post(apply_url(call), answers(call))["Location"]).content.decode()
    signup = link(login_page, reverse("account_signup"))
    assert says_it_is_kept(client.get(signup).content.decode(), call)

    verify = client.post(
        signup, {"email": "ny@example.dk", "full_name": "Ny Borger", "preferred_language": "en"}
    )
    assert says_it_is_kept(client.get(verify["Location"]).content.decode(), call)
    back = client.post(verify["Location"], {"code": code_from_last_mail()})
    page = client.get(back["Location"], follow=True)

    application = Application.objects.get(applicant=User.objects.get(email="ny@example.dk"))
    assert "You are signed in, and your application is sent." in page.content.decode()
    assert application.motivation == answers(call)["motivation"]


def test_a_kept_application_that_no_longer_fits_comes_back_with_a_warning_and_everything_typed(
    client, call, citizen
):
    client.post(apply_url(call), answers(call, notice_version=PrivacyNotice.objects.current().version))
    PrivacyNotice.objects.create(version="99", body_da="Ny tekst.", published_at=timezone.now())
    client.force_login(citizen)

    response = client.get(apply_url(call))

    html = response.content.decode()
    assert response.status_code == 200
    assert "You are signed in, but your application is not sent yet" in html
    assert "Elevrådsformand." in html  # what they typed
    assert not Application.objects.exists()


def test_a_form_with_errors_is_not_kept_for_sending(client, call):
    response = client.post(apply_url(call), answers(call, motivation=""))
    assert response.status_code == 200
    assert not says_it_is_kept(client.get(reverse("account_login")).content.decode(), call)
