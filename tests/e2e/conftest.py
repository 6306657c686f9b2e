"""The browser harness: Debian's Chromium through Playwright, against pytest-django's live server.

Each person in a journey gets a browser context of their own (own cookies, own language). When a test
fails, every page it opened is saved as a screenshot under var/e2e/, and the path is printed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, why_browser_tests_cannot_run

E2E_DIR = Path(__file__).parent
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "e2e"
SKIP_REASON = why_browser_tests_cannot_run()


def pytest_collection_modifyitems(config, items):
    if SKIP_REASON is None:
        return
    marker = pytest.mark.skip(reason=f"browser tests skipped: {SKIP_REASON}")
    for item in items:
        if E2E_DIR in Path(item.fspath).parents:
            item.add_marker(marker)


def pytest_terminal_summary(terminalreporter):
    if SKIP_REASON is not None:
        terminalreporter.write_sep("!", f"BROWSER TESTS SKIPPED: {SKIP_REASON}", yellow=True)
        terminalreporter.write_line("Install Debian's chromium (apt-get install chromium) to run tests/e2e.")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="module")
def browser(django_db_setup):
    """One Chromium per test module. While it runs, Playwright's sync API keeps an event loop in this
    thread, where Django would refuse ORM calls; the loop and the permission end with the module."""
    import os

    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections

    # With Playwright's loop running, Django hands out another connection object, one without the copy of
    # the migrations' data that serialized_rollback restores after each flush: give it the copy.
    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
    }
    playwright = sync_playwright().start()
    for alias, contents in serialized.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def site(live_server, settings):
    """The live server's address; links in emails point at it."""
    settings.SITE_URL = live_server.url
    return live_server.url


@pytest.fixture
def open_browser(browser, site, request):
    """open_browser(language="da") → a Playwright page in a fresh context: one person at one computer (or
    phone)."""
    from tests.e2e.visitor import Visitor

    visitors: list[Visitor] = []

    def open_(
        language: str = "da", name: str = "visitor", *, width: int | None = None, scripts: bool = True
    ) -> Visitor:
        """`width`: a phone's screen in CSS pixels (390 is a common phone), else a desktop window;
        `scripts=False`: a browser with JavaScript switched off."""
        screen = {"viewport": {"width": width, "height": 844}, "is_mobile": True, "has_touch": True}
        context = browser.new_context(
            base_url=site,
            locale="da-DK" if language == "da" else "en-GB",
            java_script_enabled=scripts,
            **(screen if width else {}),
        )
        context.set_default_timeout(15_000)
        visitor = Visitor(context.new_page(), site=site, name=name)
        visitor.set_language(language)
        visitors.append(visitor)
        return visitor

    yield open_

    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name)
        for number, visitor in enumerate(visitors, start=1):
            path = SCREENSHOTS / f"{slug}-{number}-{visitor.name}.png"
            try:
                visitor.page.screenshot(path=str(path), full_page=True)
                print(f"screenshot of {visitor.name} at {visitor.page.url}: {path}")
            except Exception as error:  # a crashed page must not hide the test's own failure
                print(f"no screenshot of {visitor.name}: {error}")
    for visitor in visitors:
        visitor.page.context.close()


def pytest_sessionfinish(session):
    from tests.e2e.visitor import PAGES_CHECKED

    if PAGES_CHECKED:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        lines = sorted(f"{language} {path}" for path, language in PAGES_CHECKED)
        (SCREENSHOTS / "pages-checked.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
