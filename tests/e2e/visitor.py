"""One person at one browser: moves through the site, signs in, and checks every page for accessibility."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core import mail

from demo.totp import totp_code
from tests.e2e.axe import axe_violations, describe
from tests.factories import TEST_PASSWORD, TOTP_SECRET

# Every (path, language) axe passed on during the session; the terminal summary reports the count.
PAGES_CHECKED: set[tuple[str, str]] = set()
OTHER_LANGUAGE = {"da": "en", "en": "da"}


def code_from_mail_to(email: str) -> str:
    """The sign-in code in the newest mail to this address."""
    for message in reversed(mail.outbox):
        if email in message.to:
            match = re.search(r"^\s*([A-Z0-9]{4}-[A-Z0-9]{4})\s*$", message.body, re.MULTILINE)
            if match:
                return match.group(1)
    raise AssertionError(f"no sign-in code mailed to {email}")


def page_kind(path: str) -> str:
    """The path with its ids, application references and signed tokens as <n>, without query or fragment."""
    segments = re.split(r"[?#]", path, maxsplit=1)[0].split("/")
    return "/".join(
        "<n>" if s.isdigit() or re.fullmatch(r"[0-9A-F]{8}", s) or ":" in s else s for s in segments
    )


@dataclass
class Visitor:
    page: object
    site: str
    name: str
    language: str = "da"
    browser_errors: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.browser_errors.append(f"script error: {error}"))

    def _console(self, message) -> None:
        if message.type == "error":
            self.browser_errors.append(f"console: {message.text} ({self.page.url})")

    @property
    def path(self) -> str:
        return self.page.url.removeprefix(self.site) or "/"

    def set_language(self, language: str) -> None:
        self.language = language
        self.page.context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": self.site}]
        )

    def go(self, path: str, *, status: int = 200):
        response = self.page.goto(path)
        assert response is not None and response.status == status, (
            f"{self.name}: GET {path} answered {response and response.status}, expected {status}"
        )
        return response

    def check(self, *, both_languages: bool = True) -> None:
        """No WCAG 2.1 A/AA violation and no browser error (a CSP refusal is one) on this page, in both
        languages.

        The second language is checked by reloading, so only call it with both languages on a page reached
        by GET.
        """
        self._check_here()
        if both_languages:
            own = self.language
            self.set_language(OTHER_LANGUAGE[own])
            self.page.reload()
            self._check_here()
            self.set_language(own)
            self.page.reload()

    def _check_here(self) -> None:
        self.page.wait_for_load_state("load")
        html_lang = self.page.locator("html").get_attribute("lang")
        assert html_lang == self.language, f"{self.path}: <html lang={html_lang!r}>, expected {self.language}"
        before = len(self.browser_errors)
        violations = axe_violations(self.page)
        # axe reads each stylesheet's @import (Django admin's forms.css has one) by adding it as an inline
        # style, which the page's CSP rightly refuses: that refusal is the checker's, not the page's.
        self.browser_errors[before:] = [
            e for e in self.browser_errors[before:] if "Applying inline style" not in e
        ]
        assert not violations, (
            f"{self.name} on {self.path} ({self.language}): axe found WCAG 2.1 A/AA violations:\n"
            f"{describe(violations)}"
        )
        assert not self.browser_errors, f"{self.name} on {self.path}: {self.browser_errors}"
        PAGES_CHECKED.add((page_kind(self.path), self.language))

    def sign_in_official(
        self, email: str, *, password: str = TEST_PASSWORD, secret: str = TOTP_SECRET, check: bool = True
    ) -> None:
        """Password, then the code from the authenticator app, as an official does. `check=False` leaves
        out the checks of the sign-in pages (axe needs JavaScript, which a browser may have switched off)."""
        self.go("/accounts/login/")
        if check:
            self.check()
        self.page.locator("input[name=login]").fill(email)
        self.page.locator("input[name=password]").fill(password)
        self.page.locator("input[name=password]").press("Enter")
        self.page.wait_for_url("**/accounts/2fa/authenticate/**")
        if check:
            self.check(both_languages=False)
        self.page.locator("input[name=code]").fill(totp_code(secret))
        self.page.locator("input[name=code]").press("Enter")
        self.page.wait_for_load_state("load")
        assert "/2fa/" not in self.page.url, f"{email}: the second factor was not accepted"

    def sign_in_citizen(self, email: str) -> None:
        """A citizen has no password: a code is mailed and typed in."""
        self.go("/accounts/login/code/")
        self.check()
        self.page.locator("input[name=email]").fill(email)
        self.page.locator("input[name=email]").press("Enter")
        self.page.wait_for_url("**/login/code/confirm/**")
        self.check(both_languages=False)
        self.page.locator("input[name=code]").fill(code_from_mail_to(email))
        self.page.locator("input[name=code]").press("Enter")
        self.page.wait_for_load_state("load")
        assert "/login/code" not in self.page.url, f"{email}: the mailed code was not accepted"
