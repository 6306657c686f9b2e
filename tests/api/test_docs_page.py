"""The API's documentation page and the downloads page: served from our own static files, and Swagger UI
draws every operation under the site's strict Content-Security-Policy (no inline script or style)."""

from __future__ import annotations

import os
import re

import pytest

from api.package import package_write
from tests.api import volume
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, why_browser_tests_cannot_run
from tests.support.html_validator import validate, why_html_cannot_be_validated


@pytest.mark.django_db
def test_the_docs_page_loads_swagger_ui_from_our_static_files_and_links_the_schema(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page.text
    assert 'data-schema-url="/api/v1/schema/"' in page.text
    assert "<script>" not in page.text  # nothing inline: the CSP would refuse it
    sources = re.findall(r'<(?:script|link)[^>]* (?:src|href)="([^"]+)"', page.text)
    assert all(source.startswith("/") for source in sources), sources  # no CDN, no font service
    assert client.get("/static/api/docs.js").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(why_browser_tests_cannot_run() is not None, reason=str(why_browser_tests_cannot_run()))
def test_swagger_ui_draws_every_operation_under_the_sites_csp(live_server):
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the live server's thread, not this one, queries
    problems: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(str(error)))
            page.goto(live_server.url + "/api/v1/docs/")
            page.wait_for_selector(".opblock", timeout=20_000)
            operations = page.locator(".opblock").count()
            browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    assert operations == 22  # list and detail of eleven resources
    assert [p for p in problems if "Content Security Policy" in p or "Refused" in p] == []


@pytest.mark.django_db
@pytest.mark.skipif(why_html_cannot_be_validated() is not None, reason=str(why_html_cannot_be_validated()))
def test_the_open_data_pages_are_valid_html(client, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path
    volume.committees(1)
    package_write()
    pages = {path: client.get(path).text for path in ("/api/v1/docs/", "/open-data/")}
    assert validate(pages) == {}  # the pages with errors, none
