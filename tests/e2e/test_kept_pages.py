"""Kept pages in Chromium, with the copies switched on: a politician's copy of the dashboard is served
again, works like the page (its score buttons post with a token), and never hides a score given in
another browser a moment before."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core.cache import HIT_HEADER
from tests.recruitment.factories import call_with_committee
from tests.recruitment.review_factories import bulk_applications, politicians

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.SIGNED_IN_PAGE_CACHE_SECONDS = 60


def test_a_kept_dashboard_never_hides_a_score_just_given_in_another_browser(open_browser):
    call = call_with_committee(profiles=2, seats=1, meetings=2, politicians=2)
    bulk_applications(call, 6)
    application = call.applications.order_by("pk")[1]  # odd: not rated by the bulk factory
    profile_id = application.choices.order_by("rank").first().profile_id
    dashboard = f"/calls/{call.pk}/applications/"
    mean = f"#mean-{profile_id}-{application.reference}"
    mine, theirs = open_browser("en", "first politician"), open_browser("en", "second politician")
    mine.sign_in_official(politicians(call)[0].email, check=False)
    theirs.sign_in_official(politicians(call)[1].email, check=False)

    mine.go(dashboard)
    assert mine.go(dashboard).headers.get(HIT_HEADER.lower()) == "hit"
    expect(mine.page.locator(mean)).to_contain_text("Not rated")

    theirs.go(dashboard)
    theirs.go(dashboard)  # their own copy: its buttons carry a token that still works
    theirs.page.locator(f"#own-{profile_id}-{application.reference} button[value='4']").click()
    expect(theirs.page.locator(mean)).to_contain_text("4.0 (1 rating)")

    again = mine.go(dashboard)
    assert again.headers.get(HIT_HEADER.lower()) != "hit"
    expect(mine.page.locator(mean)).to_contain_text("4.0 (1 rating)")
