"""On a 390 px phone the committee pages and the deliverable's pages fit the screen: no table is wider than
it and the page never scrolls sideways; each table's rows become cards led by their column names."""

from __future__ import annotations

import pytest

from tests.support.demo_world import ACTIVE, FINISHED, RECRUITING, seed

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PHONE = 390

MEASURE = """() => {
  const screen = document.documentElement.clientWidth;
  const tables = [...document.querySelectorAll("main table")].map(table => ({
    caption: (table.caption ? table.caption.textContent : table.outerHTML.slice(0, 60)).trim(),
    right: table.getBoundingClientRect().right,
  }));
  return {screen, scroll: document.documentElement.scrollWidth, tables};
}"""


def test_the_committee_and_deliverable_pages_fit_a_390_px_phone_in_both_languages(open_browser):
    seed()
    pages = [
        f"/committees/{FINISHED}/",
        f"/committees/{ACTIVE}/",
        f"/committees/{RECRUITING}/",
        f"/committees/{FINISHED}/deliverable/",
        f"/committees/{FINISHED}/progress/",
    ]
    problems, tables_seen = [], 0
    for language in ("da", "en"):
        phone = open_browser(language, f"phone-{language}", width=PHONE)
        for path in pages:
            phone.go(path)
            phone._check_here()  # axe, browser errors and <html lang> on the phone's layout too
            found = phone.page.evaluate(MEASURE)
            assert found["screen"] == PHONE
            tables_seen += len(found["tables"])
            if found["scroll"] > found["screen"]:
                problems.append(f"{language} {path}: the page is {found['scroll']} px wide")
            problems += [
                f"{language} {path}: the table “{t['caption']}” reaches {t['right']:.0f} px"
                for t in found["tables"]
                if t["right"] > found["screen"] + 0.5
            ]
    assert tables_seen >= 10, f"only {tables_seen} tables were measured"
    assert not problems, "\n".join(problems)


def test_a_stacked_row_names_each_value_by_its_column(open_browser):
    seed()
    phone = open_browser("en", "phone", width=PHONE)
    phone.go(f"/committees/{FINISHED}/")
    first_meeting = phone.page.locator("#meetings-heading ~ div table tbody tr").first
    text = first_meeting.evaluate(
        "row => [...row.cells]"
        ".map(c => (getComputedStyle(c, '::before').content || '') + c.innerText).join(' | ')"
    )
    assert '"Date: "' in text and '"Place: "' in text and "Held" in text, text
