"""The harness itself: Chromium starts, pages are served with their assets, axe runs and can fail."""

from __future__ import annotations

import pytest

from tests.e2e.axe import axe_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_home_page_opens_in_chromium_without_a_violation_in_danish_and_english(open_browser):
    visitor = open_browser("da")
    visitor.go("/")
    visitor.check()
    assert visitor.page.locator("main").count() == 1


def test_axe_reports_a_violation_when_a_page_has_one(open_browser):
    visitor = open_browser("da")
    visitor.go("/")
    visitor.page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=x.png>')"
    )
    assert "image-alt" in [violation["id"] for violation in axe_violations(visitor.page)]
