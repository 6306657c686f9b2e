"""Recording a review step in the admin, in Chromium: with two deliverables under review, choosing one shows
only its own route, each stop named by step and body."""

from __future__ import annotations

import pytest

from accounts import roles
from tests.deliberation.deliverable_factories import committee_at_work, submitted
from tests.e2e.journey_steps import t
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_choosing_the_deliverable_shows_only_its_route(open_browser):
    ours, theirs = committee_at_work(title="Sikre skoleveje"), committee_at_work(title="Ældre og fællesskab")
    submitted(ours)
    theirs_deliverable = submitted(theirs)
    staff = UserFactory(full_name="Sara Sekretær", roles=[roles.COUNCIL_STAFF], is_staff=True, totp=True)
    visitor = open_browser("da", "staff")
    visitor.sign_in_official(staff.email)
    visitor.go("/admin/deliberation/reviewstep/add/")
    visitor.check()
    page = visitor.page

    page.locator("#id_deliverable").select_option(str(theirs_deliverable.pk))

    shown = page.locator("#id_route_entry optgroup:not([hidden])")
    assert shown.count() == 1 and shown.get_attribute("label") == "Ældre og fællesskab"
    assert shown.locator("option").all_inner_texts() == [
        t("Step %(step)s of %(steps)s: %(body)s", step=1, steps=2, body=theirs.standing.body.name),
        t("Step %(step)s of %(steps)s: %(body)s", step=2, steps=2, body="Kommunalbestyrelsen"),
    ]
    visitor.check(both_languages=False)
