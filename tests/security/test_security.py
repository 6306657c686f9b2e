"""Hostile input at the door: CSRF is enforced on every kind of POST, the security headers and the CSP
are on public, signed-in and admin pages under production's settings, and allauth's rate limits stop
password guessing and code flooding. (`check --deploy` is tested in tests/config/test_settings.py.)"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from recruitment.models import Application, Rating
from tests.factories import TEST_PASSWORD
from tests.recruitment.citizen_factories import answers
from tests.recruitment.factories import ApplicationFactory, call_with_committee
from tests.recruitment.review_factories import close, politicians

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return call_with_committee(profiles=3, meetings=3, politicians=1)


def csrf_client() -> Client:
    return Client(enforce_csrf_checks=True)


def token(client: Client, page: str) -> str:
    """What a browser holds after showing the page: the csrftoken cookie the form posts back."""
    response = client.get(page)
    assert response.status_code == 200
    return client.cookies["csrftoken"].value


# --- CSRF ---------------------------------------------------------------------------------------


def test_the_language_switch_needs_the_csrf_token():
    client = csrf_client()
    url = reverse("accounts:language_switch")
    assert client.post(url, {"language": "en", "next": "/"}).status_code == 403

    secret = token(client, reverse("home"))
    response = client.post(url, {"language": "en", "next": "/", "csrfmiddlewaretoken": secret})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"


def test_the_apply_form_needs_the_csrf_token(call, citizen):
    client = csrf_client()
    client.force_login(citizen)
    url = reverse("recruitment:apply", args=[call.pk])
    assert client.post(url, answers(call)).status_code == 403
    assert not Application.objects.exists()

    secret = token(client, url)
    response = client.post(url, {**answers(call), "csrfmiddlewaretoken": secret})
    assert response.status_code == 302
    assert Application.objects.filter(applicant=citizen).count() == 1


def test_signing_in_needs_the_csrf_token(citizen):
    client = csrf_client()
    url = reverse("account_login")
    credentials = {"login": citizen.email, "password": TEST_PASSWORD}
    assert client.post(url, credentials).status_code == 403
    assert "_auth_user_id" not in client.session

    secret = token(client, url)
    response = client.post(url, {**credentials, "csrfmiddlewaretoken": secret})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(citizen.pk)


def test_a_politicians_rating_needs_the_csrf_token(call, citizen):
    close(call)
    application = ApplicationFactory(
        call=call, applicant=citizen, profiles=list(call.mandate.profiles.all())[:1]
    )
    client = csrf_client()
    client.force_login(politicians(call)[0])
    url = reverse("recruitment:rate", args=[call.pk, application.reference])
    data = {"profile": application.choices.first().profile_id, "score": 4, "note": ""}
    assert client.post(url, data).status_code == 403
    assert not Rating.objects.exists()

    secret = token(client, reverse("recruitment:review_application", args=[call.pk, application.reference]))
    response = client.post(url, {**data, "csrfmiddlewaretoken": secret})
    assert response.status_code == 302
    assert Rating.objects.get().score == 4


# --- Security headers and the CSP under production's settings -------------------------------------

PRODUCTION_LIKE = {
    "SECURE_SSL_REDIRECT": False,  # the test client speaks http; `secure=True` stands for the proxy's https
    "SECURE_REDIRECT_EXEMPT": [r"^healthz$"],
    "SECURE_HSTS_SECONDS": 60 * 60 * 24 * 365,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "LANGUAGE_COOKIE_SECURE": True,
    "SESSION_COOKIE_HTTPONLY": True,
    "DEBUG": False,
}


def directives(header: str) -> dict[str, list[str]]:
    found = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def assert_security_headers(response) -> None:
    assert response.status_code == 200
    csp = response.headers.get("Content-Security-Policy")
    assert csp, "no Content-Security-Policy header"
    policy = directives(csp)
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    hsts = response.headers.get("Strict-Transport-Security", "")
    assert "max-age=31536000" in hsts and "includeSubDomains" in hsts and "preload" in hsts


def who(name: str, request):
    return None if name == "anonymous" else request.getfixturevalue(name)


@override_settings(**PRODUCTION_LIKE)
@pytest.mark.parametrize(
    ("person", "page"),
    [
        ("anonymous", "home"),
        ("anonymous", "privacy"),
        ("anonymous", "account_login"),
        ("citizen", "recruitment:my_applications"),
        ("staff", "admin:index"),
    ],
)
def test_pages_carry_the_security_headers_and_the_csp(request, person, page):
    client = Client()  # built inside the override: SecurityMiddleware reads its settings once
    user = who(person, request)
    if user:
        client.force_login(user)
    response = client.get(reverse(page), secure=True)
    assert_security_headers(response)
    cache_control = response.headers.get("Cache-Control", "")
    if user:
        assert "no-store" in cache_control and "private" in cache_control
    for cookie in client.cookies.values():
        if cookie.key in ("sessionid", "csrftoken", "django_language"):
            assert cookie["secure"], f"{cookie.key} cookie is not Secure"


@override_settings(**PRODUCTION_LIKE)
def test_hsts_is_sent_only_over_https():
    client = Client()
    assert "Strict-Transport-Security" not in client.get(reverse("home")).headers
    assert "Strict-Transport-Security" in client.get(reverse("home"), secure=True).headers


@override_settings(**{**PRODUCTION_LIKE, "SECURE_SSL_REDIRECT": True})
def test_plain_http_is_sent_to_https_but_the_health_probe_is_not():
    client = Client()
    response = client.get(reverse("home"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")
    assert client.get(reverse("healthz")).status_code != 301


# --- Rate limits --------------------------------------------------------------------------------


def error_codes(response) -> set[str]:
    form = response.context["form"]
    return {error.code for errors in form.errors.as_data().values() for error in errors}


def test_repeated_failed_sign_ins_for_one_email_are_stopped(citizen):
    # ACCOUNT_RATE_LIMITS["login_failed"] = "10/m/ip,5/5m/key": five guesses per email in five minutes.
    url = reverse("account_login")
    for _attempt in range(5):
        response = Client().post(url, {"login": citizen.email, "password": "wrong-guess-123"})
        assert response.status_code == 200
        assert "too_many_login_attempts" not in error_codes(response)

    response = Client().post(url, {"login": citizen.email, "password": "wrong-guess-123"})
    assert "too_many_login_attempts" in error_codes(response)
    # Even the right password waits now: guessing on is pointless.
    client = Client()
    response = client.post(url, {"login": citizen.email, "password": TEST_PASSWORD})
    assert "too_many_login_attempts" in error_codes(response)
    assert "_auth_user_id" not in client.session


def test_a_successful_sign_in_does_not_count_as_a_failure(citizen):
    url = reverse("account_login")
    for _attempt in range(8):
        client = Client()
        response = client.post(url, {"login": citizen.email, "password": TEST_PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(citizen.pk)


def test_sign_in_posts_from_one_address_are_capped_with_429(citizen):
    # ACCOUNT_RATE_LIMITS["login"] = "30/m/ip", over every email.
    url = reverse("account_login")
    statuses = [
        Client().post(url, {"login": f"guess{n}@example.dk", "password": "x"}).status_code for n in range(31)
    ]
    assert 429 not in statuses[:30]
    assert statuses[30] == 429


def test_repeated_login_code_requests_for_one_email_are_stopped(citizen, mailoutbox):
    # allauth's default "request_login_code": "20/m/ip,3/m/key": three codes per email a minute.
    url = reverse("account_request_login_code")
    for _attempt in range(3):
        response = Client().post(url, {"email": citizen.email})
        assert response.status_code == 302
    sent = len(mailoutbox)
    assert sent == 3

    response = Client().post(url, {"email": citizen.email})
    assert response.status_code == 200
    assert "too_many_login_attempts" in error_codes(response)
    assert len(mailoutbox) == sent  # no fourth code


def test_a_flood_of_application_posts_is_rate_limited_and_keeps_what_was_typed(call, citizen):
    client = Client()
    client.force_login(citizen)
    url = reverse("recruitment:apply", args=[call.pk])
    responses = [client.post(url, {"motivation": "Min begrundelse"}) for _ in range(25)]
    statuses = [r.status_code for r in responses]
    assert statuses[:20] == [200] * 20  # form errors (the post is incomplete), not limited
    assert statuses[20:] == [429] * 5
    assert "Min begrundelse" in responses[-1].content.decode()
