"""Behind the TLS proxy every request comes from the proxy's address; the rate limits (allauth's, and ours on
the application form, which goes through allauth's limiter) must count the visitor's address, which the
proxy puts last in X-Forwarded-For. ALLAUTH_TRUSTED_PROXY_COUNT says how many proxies of ours add to it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.recruitment.factories import call_with_committee

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # what REMOTE_ADDR holds for every request that came through the proxy


def through_proxy(client_address: str, spoofed: str = "") -> Client:
    """A browser at `client_address`; the proxy appends it to whatever X-Forwarded-For the browser sent."""
    forwarded = f"{spoofed}, {client_address}" if spoofed else client_address
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=forwarded)


def failed_sign_ins(client_address: str, times: int, spoofed: str = "") -> list[int]:
    url = reverse("account_login")
    return [
        through_proxy(client_address, spoofed)
        .post(url, {"login": f"g{n}@example.dk", "password": "x"})
        .status_code
        for n in range(times)
    ]


@pytest.fixture
def three_sign_ins_a_minute(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}


def test_without_the_setting_one_visitor_behind_the_proxy_locks_everyone_out(
    settings, three_sign_ins_a_minute
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert failed_sign_ins("203.0.113.7", 3) == [200] * 3
    assert failed_sign_ins("198.51.100.9", 1) == [429]  # another person entirely


def test_behind_one_trusted_proxy_each_visitor_has_their_own_limit(settings, three_sign_ins_a_minute):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert failed_sign_ins("203.0.113.7", 4) == [200, 200, 200, 429]
    assert failed_sign_ins("198.51.100.9", 1) == [200]
    # Writing another address into the header does not buy a fresh limit: the proxy's own entry counts.
    assert failed_sign_ins("203.0.113.7", 1, spoofed="192.0.2.55") == [429]


def test_a_header_the_proxy_sets_may_name_the_visitor_instead(settings, three_sign_ins_a_minute):
    settings.ALLAUTH_TRUSTED_CLIENT_IP_HEADER = "X-Real-IP"
    url = reverse("account_login")

    def sign_in(address: str) -> int:
        client = Client(REMOTE_ADDR=PROXY, HTTP_X_REAL_IP=address)
        return client.post(url, {"login": "g@example.dk", "password": "x"}).status_code

    assert [sign_in("203.0.113.7") for _ in range(4)] == [200, 200, 200, 429]
    assert sign_in("198.51.100.9") == 200


def test_the_application_forms_own_limit_counts_the_visitor_behind_the_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "apply_anonymous": "2/10m/ip"}
    url = reverse("recruitment:apply", args=[call_with_committee().pk])

    def send(address: str) -> int:
        return through_proxy(address).post(url, {"motivation": "Min begrundelse"}).status_code

    assert [send("203.0.113.7") for _ in range(3)] == [200, 200, 429]
    assert send("198.51.100.9") == 200
