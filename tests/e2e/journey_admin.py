"""What council staff do in Django's admin, as they do it: fill the form, add an inline row with its
"Add another" link, pick from an autocomplete box, run an action on ticked rows."""

from __future__ import annotations

from tests.e2e.journey_steps import t


def add_inline_row(page, group: str):
    """Click the group's "Add another …" link; the new row is the last one of the group."""
    page.locator(f"#{group}-group .add-row a").click()
    rows = page.locator(f"#{group}-group tr.form-row:not(.empty-form)")
    return rows.last


def autocomplete(page, field_id: str, text: str) -> None:
    """Open the select2 box of a ForeignKey with autocomplete, type, and take the one result."""
    page.locator(f"#{field_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()
    page.locator(f"#{field_id} + .select2 .select2-selection__rendered", has_text=text).wait_for()


def save(page, *, continue_editing: bool = False) -> None:
    name = "_continue" if continue_editing else "_save"
    with page.expect_navigation():
        page.locator(f"input[name={name}]").click()
    errors = page.locator(".errornote, .errorlist")
    assert not errors.count(), f"the admin refused the form at {page.url}: {errors.all_inner_texts()}"


def run_action(page, *, row_text: str, action: str, language: str = "da") -> None:
    """Tick the row that shows `row_text` on a change list and run the action."""
    page.locator("#result_list tr", has_text=row_text).locator("input.action-select").check()
    page.locator("select[name=action]").select_option(action)
    with page.expect_navigation():
        page.get_by_role("button", name=t("Go", language), exact=True).click()
