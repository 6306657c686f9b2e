"""A small HTTP client for a real server process: cookies, Django's CSRF token, no redirects followed.

Sessions are made in the test process (`Client.force_login` writes them to the shared database) and
handed over as a cookie, so the server sees a person who signed in as usual.
"""

from __future__ import annotations

import http.client
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django.conf import settings
from django.test import Client


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    """One visitor of the server at 127.0.0.1:`port`, signed in as `user` when one is given; `source` is
    the loopback address the visitor connects from (127.0.0.2, …), to look like another machine."""

    def __init__(
        self, port: int, *, user=None, language: str = "en", timeout: float = 30, source: str = ""
    ) -> None:
        self.port = port
        self.timeout = timeout
        self.source = source
        self.headers: dict[str, str] = {}
        self.cookies: dict[str, str] = {settings.LANGUAGE_COOKIE_NAME: language}
        if user is not None:
            client = Client()
            client.force_login(user)
            self.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value

    def request(self, method: str, path: str, data=None) -> Response:
        headers = {
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
            "Host": "127.0.0.1",
            **self.headers,
        }
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get(settings.CSRF_COOKIE_NAME, "")
        source = (self.source, 0) if self.source else None
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=self.timeout, source_address=source
        )
        try:
            connection.request(method, path, body=body, headers=headers)
            reply = connection.getresponse()
            text = reply.read().decode("utf-8", errors="replace")
            for header, value in reply.getheaders():
                if header.lower() == "set-cookie":
                    for name, morsel in SimpleCookie(value).items():
                        self.cookies[name] = morsel.value
            return Response(reply.status, {k.lower(): v for k, v in reply.getheaders()}, text)
        finally:
            connection.close()

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data) -> Response:
        if settings.CSRF_COOKIE_NAME not in self.cookies:
            self.get(path)  # the form page sets the CSRF cookie, as it does in a browser
        return self.request("POST", path, data)


def server_answers(port: int) -> bool:
    try:
        return Browser(port, timeout=2).get("/healthz").status in (200, 503)
    except OSError:
        return False
