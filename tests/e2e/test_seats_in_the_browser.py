"""After the selection, in Chromium: a free seat no reserve can take within the rules waits on the matching
page, where a politician decides it with a reason (a decision without one comes back with the error summary
in focus); and "No, thank you" on an invitation asks once more before the seat is given away. Every page
passes axe in Danish and English."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from recruitment.citizen.invitations import invitation_decline
from recruitment.models import Application, Invitation, SeatDecision
from recruitment.offers import invitation_token
from tests.e2e.journey_steps import t
from tests.e2e.test_accessibility import assert_error_summary_in_focus_and_tied_to_fields
from tests.recruitment.reserve_factories import five_seats_with_reserves, pending
from tests.recruitment.review_factories import politicians

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_politician_decides_a_free_seat_that_no_reserve_can_take(open_browser):
    call, profile, _women, men, (woman,) = five_seats_with_reserves(("woman", 3))
    invitation_decline(invitation=pending(men[0]))
    chair = open_browser("da", "chair")
    chair.sign_in_official(politicians(call)[0].email)
    chair.go(f"/calls/{call.pk}/matching/")
    chair.check()
    page = chair.page
    section = page.locator(f"section[aria-labelledby=free-{profile.pk}-heading]")
    expect(section).to_contain_text(woman.reference)

    section.get_by_role("button", name=t("Record the decision")).click()
    page.wait_for_load_state("load")
    assert_error_summary_in_focus_and_tied_to_fields(page)
    chair.check(both_languages=False)

    section.get_by_label(t("Leave the seat empty"), exact=False).check()
    section.get_by_label(t("Reason (required; it is part of the record)")).fill("Vi går i gang med fire.")
    section.get_by_role("button", name=t("Record the decision")).click()
    expect(page.get_by_role("status").filter(has_text=t("Your decision is recorded."))).to_be_visible()
    chair.check()
    assert SeatDecision.objects.get().reason == "Vi går i gang med fire."


def test_no_thank_you_asks_once_more_and_going_back_keeps_the_invitation(open_browser):
    _call, _profile, women, _men, _reserves = five_seats_with_reserves(("woman", 3))
    invitation = pending(women[0])
    citizen = open_browser("da", "citizen")
    citizen.go(f"/invitations/{invitation_token(invitation)}/")
    citizen.check()
    page = citizen.page
    page.get_by_role("button", name=t("No, thank you")).click()
    page.get_by_role("heading", name=t("Do you want to say no to the seat?")).wait_for()
    citizen.check(both_languages=False)
    page.get_by_role("link", name=t("Go back: I have not decided yet")).click()
    page.get_by_role("button", name=t("Yes, I accept")).wait_for()
    assert Invitation.objects.get(pk=invitation.pk).state == Invitation.State.PENDING

    page.get_by_role("button", name=t("No, thank you")).click()
    page.get_by_role("button", name=t("Yes, I say no to the seat")).click()
    page.get_by_role("heading", name=t("You have said no, thank you")).wait_for()
    citizen.check()
    assert Application.objects.get(pk=women[0].pk).state == Application.State.DECLINED
