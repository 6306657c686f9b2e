"""The identity provider of the single sign-on tests: one real provider process per test module, and the
settings that point Samskab at it (as SSO_* in the environment would)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.support.identity_provider import (
    CALLBACK_PATH,
    IdentityProvider,
    Person,
    local_path,
    sign_in_at,
    why_the_provider_cannot_run,
)

SKIP_REASON = why_the_provider_cannot_run()


def pytest_terminal_summary(terminalreporter):
    if SKIP_REASON is not None:
        terminalreporter.write_sep("!", f"SINGLE SIGN-ON TESTS SKIPPED: {SKIP_REASON}", yellow=True)


@pytest.fixture(scope="module")
def identity_provider(tmp_path_factory):
    if SKIP_REASON is not None:
        pytest.skip(f"single sign-on tests skipped: {SKIP_REASON}")
    log = tmp_path_factory.mktemp("identity-provider") / "provider.log"
    provider = IdentityProvider(redirect_uris=[f"http://testserver{CALLBACK_PATH}"], log=log).start()
    yield provider
    provider.stop()


@pytest.fixture
def sign_on(identity_provider, settings):
    """Single sign-on switched on against the test provider."""
    for name, value in identity_provider.settings().items():
        setattr(settings, name, value)
    return identity_provider


@pytest.fixture
def sign_in_through_provider(sign_on):
    """sign_in_through_provider(client, person) → Samskab's answer to the provider's redirect back."""

    def sign_in(client, person: Person, *, next_url: str | None = None):
        start = client.post(
            reverse("openid_connect_login", kwargs={"provider_id": "municipality"}),
            {"next": next_url} if next_url else {},
        )
        assert start.status_code == 302, start.content[:500]
        callback = sign_in_at(start["Location"], person)
        return client.get(local_path(callback))

    return sign_in
