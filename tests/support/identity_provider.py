"""The municipality's identity provider in the tests: a real OpenID Connect provider (the npm package
oidc-provider, tests/support/oidc_provider/provider.mjs) in a Node.js process on loopback.

Samskab talks to it over HTTP as it would to Microsoft Entra ID: discovery, the authorization endpoint, the
token endpoint, the keys and userinfo. A test adds the people who may sign in there (their claims, and how
they signed in: `amr`, `acr`), and walks a person through its sign-in page, over HTTP (`sign_in_at`) or in
Chromium (tests/e2e). Needs Node.js and `npm ci` in that folder (`make test` and `.ci/run` run it).
"""

from __future__ import annotations

import itertools
import json
import select
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

import requests

from tests.support.processes import ROOT, stop

PROVIDER_DIR = ROOT / "tests" / "support" / "oidc_provider"
CLIENT_ID = "samskab"
CLIENT_SECRET = "test-client-secret-not-secret"
CALLBACK_PATH = "/accounts/oidc/municipality/login/callback/"
PASSWORD = "provider-password-1"
MULTI_FACTOR = ["pwd", "mfa"]
ONE_FACTOR = ["pwd"]
_subjects = itertools.count(1)


def why_the_provider_cannot_run() -> str | None:
    """None when Node.js and the provider's packages are here; otherwise what to do, for the skip."""
    if shutil.which("node") is None:
        return "Node.js is not installed (apt-get install nodejs npm; .ci/run installs it)"
    if not (PROVIDER_DIR / "node_modules" / "oidc-provider").is_dir():
        return "the test provider's packages are missing: run `npm ci --prefix tests/support/oidc_provider`"
    return None


@dataclass
class Person:
    """Someone with an account at the identity provider."""

    login: str
    email: str
    name: str = "Anne Holm"
    groups: list[str] = field(default_factory=list)
    email_verified: bool | str | None = True
    amr: list[str] = field(default_factory=lambda: list(ONE_FACTOR))
    acr: str | None = None
    id_token_ttl: int | None = None
    id_token_audience: str | None = None
    sub: str = field(default_factory=lambda: f"subject-{next(_subjects)}")
    extra_claims: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        claims = {"sub": self.sub, "email": self.email, "name": self.name, "groups": self.groups}
        if self.email_verified is not None:
            claims["email_verified"] = self.email_verified
        data = {
            "login": self.login,
            "password": PASSWORD,
            "claims": {**claims, **self.extra_claims},
            "amr": self.amr,
        }
        optional = {
            "acr": self.acr,
            "id_token_ttl": self.id_token_ttl,
            "id_token_audience": self.id_token_audience,
        }
        return {**data, **{key: value for key, value in optional.items() if value is not None}}


class IdentityProvider:
    """The provider process: started with the redirect URIs Samskab may use, stopped at the end."""

    def __init__(self, *, redirect_uris: list[str], log: Path) -> None:
        self.redirect_uris = redirect_uris
        self.log = log
        self.process: subprocess.Popen | None = None
        self.issuer = ""

    def start(self, timeout: float = 20) -> IdentityProvider:
        args = ["node", "provider.mjs", "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET]
        for uri in self.redirect_uris:
            args += ["--redirect-uri", uri]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                args, cwd=PROVIDER_DIR, stdout=subprocess.PIPE, stderr=log, start_new_session=True
            )
        ready, _, _ = select.select([self.process.stdout], [], [], timeout)
        line = self.process.stdout.readline() if ready else b""
        if not line:
            self.stop()
            raise AssertionError(f"the identity provider did not start:\n{self.log.read_text()[-2000:]}")
        self.issuer = json.loads(line)["issuer"]
        return self

    def stop(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process.stdout.close()
            self.process = None

    def add(self, person: Person) -> Person:
        response = requests.post(f"{self.issuer}/test/people", json=person.as_json(), timeout=10)
        response.raise_for_status()
        return person

    def settings(self, **overrides) -> dict:
        """What the environment would say for this provider (SSO_*)."""
        return {
            "SSO_SERVER_URL": self.issuer,
            "SSO_CLIENT_ID": CLIENT_ID,
            "SSO_CLIENT_SECRET": CLIENT_SECRET,
            "SSO_SCOPES": ["openid", "profile", "email", "groups"],
            "SSO_NAME": "Gentofte Kommune",
            **overrides,
        }


def _interaction(session: requests.Session, authorize_url: str) -> str:
    """Follow the provider's redirects to its sign-in page; return the page's address."""
    url = authorize_url
    for _hop in range(10):
        response = session.get(url, allow_redirects=False, timeout=10)
        if response.status_code in (302, 303):
            url = urljoin(url, response.headers["Location"])
            continue
        assert response.status_code == 200 and "/interaction/" in url, (
            f"the provider answered {response.status_code} at {url}:\n{response.text[:2000]}"
        )
        return url
    raise AssertionError(f"the provider redirected too often from {authorize_url}")


def _back_to_samskab(session: requests.Session, response: requests.Response) -> str:
    """Follow the provider's own redirects; return the first one to Samskab's callback."""
    for _hop in range(10):
        assert response.status_code in (302, 303), (
            f"the provider answered {response.status_code}:\n{response.text[:2000]}"
        )
        url = urljoin(response.url, response.headers["Location"])
        if urlsplit(url).path == CALLBACK_PATH:
            return url
        response = session.get(url, allow_redirects=False, timeout=10)
    raise AssertionError("the provider redirected too often")


def sign_in_at(authorize_url: str, person: Person, *, password: str = PASSWORD) -> str:
    """A person at the provider's sign-in page types their login and password; the address the provider
    sends them back to (Samskab's callback with `code` and `state`) is returned."""
    with requests.Session() as session:
        page = _interaction(session, authorize_url)
        response = session.post(
            f"{page}/login",
            data={"login": person.login, "password": password},
            allow_redirects=False,
            timeout=10,
        )
        return _back_to_samskab(session, response)


def cancel_at(authorize_url: str) -> str:
    """The person presses "Cancel" on the provider's sign-in page."""
    with requests.Session() as session:
        page = _interaction(session, authorize_url)
        response = session.post(f"{page}/abort", allow_redirects=False, timeout=10)
        return _back_to_samskab(session, response)


def local_path(url: str) -> str:
    """Samskab's callback address as the Django test client asks for it: path and query."""
    parts = urlsplit(url)
    assert parts.path == CALLBACK_PATH, url
    return f"{parts.path}?{parts.query}"


def authorization_request(url: str) -> dict[str, str]:
    """The parameters of the redirect to the provider's authorization endpoint."""
    return dict(parse_qsl(urlsplit(url).query))
