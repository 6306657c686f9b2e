"""Drafting the deliverable in Chromium: three sections written, one moved with the keyboard and one removed
in a single edit, saved as one version; and the same without JavaScript."""

from __future__ import annotations

import pytest

from deliberation.deliverables.services import latest_version
from deliberation.models import Deliverable, DeliverableVersion
from tests.deliberation.deliverable_factories import committee_at_work
from tests.e2e.journey_steps import is_focused, press_button, t, tab_to

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECTION_ORDER = "order of a section"  # the msgid "Position" of a section, not a member's post


def _edit_page(visitor, cast, *, check: bool = True) -> None:
    visitor.sign_in_official(cast.facilitator.email, check=check)
    visitor.go(f"/committees/{cast.committee.mandate.slug}/deliverable/edit/")


def _section(page, number: int):
    return page.locator("[data-sections] [data-section]").nth(number - 1)


def _write(page, number: int, heading: str, body: str) -> None:
    section = _section(page, number)
    section.get_by_label(t("Heading")).fill(heading)
    section.get_by_label(t("Text"), exact=True).fill(body)


def test_sections_are_added_moved_with_the_keyboard_and_removed_before_one_save(open_browser):
    cast = committee_at_work(title="Sikre skoleveje")
    facilitator = open_browser("da", "facilitator")
    _edit_page(facilitator, cast)
    page = facilitator.page
    # With scripts the order on screen is the order saved: no position numbers to type.
    assert page.get_by_label(t("Position", context=SECTION_ORDER)).first.is_hidden()

    _write(page, 1, "Baggrund", "Mange børn cykler til skole.")
    more = (("Hastighed", "30 km/t på alle skoleveje."), ("Krydsninger", "- Flere fodgængerfelter"))
    for heading, body in more:
        press_button(page, page.get_by_role("button", name=t("Add another section")))
        new = _section(page, page.locator("[data-sections] [data-section]").count())
        assert is_focused(new.get_by_label(t("Heading"))), "the new section's heading did not get the focus"
        page.keyboard.type(heading)
        new.get_by_label(t("Text"), exact=True).fill(body)
    facilitator.check(both_languages=False)

    move_up = page.get_by_role("button", name=f"{t('Move up')}: Krydsninger")
    tab_to(page, move_up)
    page.keyboard.press("Enter")
    assert is_focused(move_up), "focus left the button that moved the section"
    status = page.locator("[data-section-status]").inner_text()
    assert "Krydsninger" in status and "2" in status and "3" in status, status
    _section(page, 3).get_by_label(t("Remove this section")).check()  # Hastighed, now third

    page.get_by_role("button", name=t("Save as a new version")).click()
    page.wait_for_url(f"**/committees/{cast.committee.mandate.slug}/deliverable/")
    version = DeliverableVersion.objects.get()
    assert [s["heading"] for s in version.sections] == ["Baggrund", "Krydsninger"]


def test_without_javascript_another_section_comes_with_the_form_sent_back(open_browser):
    cast = committee_at_work(title="Sikre skoleveje")
    facilitator = open_browser("da", "facilitator", scripts=False)
    _edit_page(facilitator, cast, check=False)  # axe runs as a script: not here
    page = facilitator.page

    page.get_by_label(t("Title"), exact=True).fill("Sikre skoleveje")
    _write(page, 1, "Hastighed", "30 km/t på alle skoleveje.")
    page.get_by_role("button", name=t("Add another section")).click()
    page.wait_for_load_state("load")
    assert _section(page, 1).get_by_label(t("Heading")).input_value() == "Hastighed"
    _write(page, 2, "Baggrund", "Mange børn cykler til skole.")
    _section(page, 1).get_by_label(t("Position", context=SECTION_ORDER)).fill("2")
    _section(page, 2).get_by_label(t("Position", context=SECTION_ORDER)).fill("1")
    page.get_by_role("button", name=t("Save as a new version")).click()
    page.wait_for_url(f"**/committees/{cast.committee.mandate.slug}/deliverable/")

    deliverable = Deliverable.objects.get()
    assert deliverable.versions.count() == 1
    assert [s["heading"] for s in latest_version(deliverable).sections] == ["Baggrund", "Hastighed"]
