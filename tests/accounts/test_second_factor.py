"""Officials see personal data: no official page until they have a second factor; login asks for it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from demo.totp import totp_code
from tests.factories import TEST_PASSWORD, TOTP_SECRET

pytestmark = pytest.mark.django_db


def test_staff_without_a_second_factor_is_sent_to_set_one_up_instead_of_the_admin(
    client, staff_without_second_factor
):
    client.force_login(staff_without_second_factor)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor_required"))

    explanation = client.get(response["Location"])
    assert explanation.status_code == 200
    assert reverse("mfa_activate_totp") in explanation.content.decode()


def test_a_politician_without_a_second_factor_cannot_reach_official_pages(
    client, politician_without_second_factor
):
    client.force_login(politician_without_second_factor)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor_required"))


def test_an_official_sets_up_the_second_factor_and_then_reaches_the_admin(
    client, staff_without_second_factor
):
    staff = staff_without_second_factor
    client.post(reverse("account_login"), {"login": staff.email, "password": TEST_PASSWORD})
    assert client.get(reverse("privacy")).status_code == 200  # public pages stay open

    # allauth asks for the password once more before a security change.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    client.post(response["Location"], {"password": TEST_PASSWORD})

    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_citizen_needs_no_second_factor(client, citizen):
    client.force_login(citizen)
    assert client.get(reverse("home")).status_code == 200


def test_staff_with_a_second_factor_signs_in_with_password_and_code_and_reaches_the_admin(client, staff):
    response = client.post(reverse("account_login"), {"login": staff.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert client.get(reverse("admin:index")).status_code == 302  # not signed in yet

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(TOTP_SECRET)})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_official_signing_in_by_code_is_still_asked_for_the_second_factor(client, politician):
    from django.core import mail

    from tests.accounts.test_signup_and_login_by_code import code_from_last_mail

    client.post(reverse("account_request_login_code"), {"email": politician.email})
    response = client.post(reverse("account_confirm_login_code"), {"code": code_from_last_mail()})
    assert mail.outbox
    assert response["Location"] == reverse("mfa_authenticate")
    assert not client.get(reverse("privacy")).context["user"].is_authenticated


def test_the_admin_login_goes_through_allauth(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("person", ["citizen", "politician", "facilitator"])
def test_only_council_staff_get_into_the_admin(client, request, person):
    client.force_login(request.getfixturevalue(person))
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_council_staff_get_into_the_admin(client, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200


def test_signed_in_pages_are_never_stored_by_browsers_or_proxies(client, citizen):
    client.force_login(citizen)
    response = client.get(reverse("home"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_anonymous_public_pages_may_be_cached(client):
    response = client.get(reverse("home"))
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_admins_own_password_form_cannot_sign_anyone_in(client, staff):
    response = client.post(reverse("admin:login"), {"username": staff.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("admin:index")).status_code == 302  # still not signed in


def test_a_signed_in_citizen_cannot_use_the_admin_login_to_become_staff(client, citizen, staff):
    client.force_login(citizen)
    response = client.post(reverse("admin:login"), {"username": staff.email, "password": TEST_PASSWORD})
    assert response.status_code == 403
    assert client.get(reverse("home")).context["user"] == citizen


def test_council_staff_cannot_make_anyone_a_superuser(client, staff, citizen):
    client.force_login(staff)
    page = client.get(reverse("admin:accounts_user_change", args=[citizen.pk]))
    assert "is_superuser" not in page.context["adminform"].form.fields


def test_an_official_without_a_password_must_choose_one_even_with_a_second_factor(client, politician):
    politician.set_unusable_password()
    politician.save()
    client.force_login(politician)
    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("accounts:second_factor_required"))
    page = client.get(response["Location"])
    assert reverse("account_set_password") in page.content.decode()
    assert reverse("mfa_activate_totp") not in page.content.decode()
