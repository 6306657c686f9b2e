"""The reverse proxy of docker-compose.yml, for real: Caddy with the repository's deploy/Caddyfile in front of
gunicorn. It serves the static files itself, refuses a body over its limit before gunicorn sees it, and tells
Django each visitor's own address, so one visitor's failed sign-ins lock out that visitor only.

Visitors are told apart by the loopback address they connect from (127.0.0.2, 127.0.0.3): to Caddy they are
two machines. Needs Caddy (Debian's `caddy`; .ci/run installs it) besides PostgreSQL and redis-server.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tests.support.processes import NEEDS_REAL_SERVICES, ROOT, gunicorn, service_env, spawn, wait_for
from tests.support.smtp import free_port
from tests.support.web import Browser, server_answers

pytestmark = [
    *NEEDS_REAL_SERVICES,
    pytest.mark.skipif(shutil.which("caddy") is None, reason="the reverse proxy test needs caddy on PATH"),
]

# ACCOUNT_RATE_LIMITS["login"]: sign-in posts per address and minute.
SIGN_INS_A_MINUTE = 30
# The proxy's body limit here, well below Django's 1 MB for forms, so a 413 can only be the proxy's.
BODY_MAX = 200_000


def caddy(*, log: Path, port: int, upstream: int, static: Path, body_max: int) -> subprocess.Popen:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(log.parent),  # Caddy keeps its state under $HOME (XDG); the test's own folder
        "SITE_ADDRESS": f"http://127.0.0.1:{port}",
        "UPSTREAM": f"127.0.0.1:{upstream}",
        "STATIC_ROOT": str(static),
        "REQUEST_BODY_MAX_BYTES": str(body_max),
    }
    config = ROOT / "deploy" / "Caddyfile"
    return spawn(["caddy", "run", "--config", str(config), "--adapter", "caddyfile"], env=env, log=log)


@pytest.fixture
def site(redis_server, processes, tmp_path):
    """gunicorn behind Caddy; returns (Caddy's port, gunicorn's port)."""
    static = tmp_path / "static"
    (static / "css").mkdir(parents=True)
    (static / "css" / "only-in-the-proxy.css").write_text("body { color: #222; }\n")
    web_port, proxy_port = free_port(), free_port()
    env = service_env(redis_url=redis_server.url, smtp_port=free_port(), ALLAUTH_TRUSTED_PROXY_COUNT="1")
    processes.add(gunicorn(env=env, log=processes.log("web"), port=web_port), processes.log("web"))
    proxy = caddy(
        log=processes.log("caddy"), port=proxy_port, upstream=web_port, static=static, body_max=BODY_MAX
    )
    processes.add(proxy, processes.log("caddy"))
    wait_for(lambda: server_answers(web_port), timeout=30, what="gunicorn to answer")
    wait_for(lambda: server_answers(proxy_port), timeout=30, what="Caddy to answer")
    return proxy_port, web_port


def sign_in_attempts(browser: Browser, times: int) -> list[int]:
    url = reverse("account_login")
    return [
        browser.post(url, {"login": f"gaet{n}@example.dk", "password": "forkert"}).status
        for n in range(times)
    ]


def test_one_visitors_failed_sign_ins_lock_out_that_visitor_only(site):
    proxy, _web = site
    guesser, neighbour = Browser(proxy, source="127.0.0.2"), Browser(proxy, source="127.0.0.3")
    guesser.headers["X-Forwarded-For"] = "192.0.2.99"  # pretending to be someone else changes nothing

    assert 429 not in sign_in_attempts(guesser, SIGN_INS_A_MINUTE)
    assert sign_in_attempts(guesser, 1) == [429]
    assert sign_in_attempts(neighbour, 1) == [200]


def test_the_proxy_serves_static_files_itself(site):
    proxy, web = site
    assert Browser(web).get("/static/css/only-in-the-proxy.css").status == 404  # gunicorn has no such file
    response = Browser(proxy).get("/static/css/only-in-the-proxy.css")
    assert response.status == 200 and "color: #222" in response.text
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_the_proxy_refuses_a_body_over_its_limit_that_django_would_have_taken(site):
    proxy, web = site
    url, large = reverse("account_login"), {"login": "x@example.dk", "password": "y" * (2 * BODY_MAX)}
    assert Browser(web).post(url, large).status == 200  # a form with its message: under Django's 1 MB
    assert (
        Browser(proxy, source="127.0.0.4").post(url, {"login": "x@example.dk", "password": "kort"}).status
        == 200
    )

    assert Browser(proxy, source="127.0.0.4").post(url, large).status == 413
