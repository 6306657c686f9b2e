"""Accessibility in Chromium, over the demo data: every page a person of each role can reach passes axe-core
(WCAG 2.1 A and AA) in Danish and English with no browser error; a form with errors puts its error summary in
focus, each error links to its field and nothing typed is lost; the application can be made with the keyboard
alone; the skip link works and focus is always visible.

One test per role, so a failure names the role; within it every page is checked before the test fails, so the
message lists each page with its problems.

The demo (`seed_demo`) is loaded once for the module and kept as a snapshot; the transactional database is
emptied after every test, and each test that needs the demo puts the snapshot back (a fraction of the time
seeding takes). A little is added on top of the demo, through the services, so the pages that need it exist:
an invitation waiting for an answer, and a deliverable submitted to the political bodies with an amendment.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from deliberation.models import EvaluationSurvey
from demo.people import DEMO_PASSWORD, DEMO_TOTP_SECRET
from demo.totp import totp_code
from tests.e2e.visitor import OTHER_LANGUAGE, code_from_mail_to
from tests.support.demo_world import ACTIVE, CLIMATE, FINISHED, RECRUITING, email, seed

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module")
def snapshots() -> dict:
    """The seeded demo, kept by the module's first seed() for the tests after it."""
    return {}


def sweep(visitor, paths: list[str]) -> None:
    """Check each page in both languages; fail once at the end, naming every page that failed.

    Visitor.check() reloads a third time to come back to the first language; a sweep moves on instead and
    starts the next page in the language it is in, which saves a third of the page loads.
    """
    failures = []
    for path in paths:
        visitor.browser_errors.clear()
        try:
            visitor.go(path)
            visitor._check_here()
            visitor.set_language(OTHER_LANGUAGE[visitor.language])
            visitor.page.reload()
            visitor._check_here()
        except AssertionError as error:
            failures.append(f"{path}:\n{error}")
    assert not failures, f"{len(failures)} of {len(paths)} pages failed:\n\n" + "\n\n".join(failures)


# Signing in without checking the sign-in pages again: the anonymous sweep and the first sign-in of each
# kind check them; Visitor.sign_in_* check them every time.
def sign_in_citizen(visitor, address: str) -> None:
    page = visitor.page
    visitor.go("/accounts/login/code/")
    page.locator("input[name=email]").fill(address)
    page.locator("input[name=email]").press("Enter")
    page.wait_for_url("**/login/code/confirm/**")
    page.locator("input[name=code]").fill(code_from_mail_to(address))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_load_state("load")
    assert "/login/code" not in page.url, f"{address}: the mailed code was not accepted"


def sign_in_official(visitor, address: str, *, check: bool = False) -> None:
    """Password, then the authenticator's code. A code is good for its 30-second window only: one typed in
    the window's last seconds may reach a busy server in the next, so then wait for a fresh code."""
    page = visitor.page
    visitor.go("/accounts/login/")
    page.locator("input[name=login]").fill(address)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url("**/accounts/2fa/authenticate/**")
    if check:
        visitor.check()
    for _attempt in range(2):
        if time.time() % 30 > 24:
            time.sleep(30.5 - time.time() % 30)
        page.locator("input[name=code]").fill(totp_code(DEMO_TOTP_SECRET))
        with page.expect_navigation():
            page.locator("input[name=code]").press("Enter")
        if "/2fa/" not in page.url:
            return
    raise AssertionError(f"{address}: the second factor was not accepted")


# --- Every page, by role.


def test_every_public_page_passes_axe_in_danish_and_english(open_browser, snapshots):
    world = seed(snapshots)
    call = world["call"]
    sweep(
        open_browser("da", "anonymous"),
        [
            "/",
            "/committees/",
            "/committees/?state=implementing&year=2025",
            f"/committees/{RECRUITING}/",
            f"/committees/{FINISHED}/",
            f"/committees/{ACTIVE}/",
            f"/committees/{CLIMATE}/",
            f"/calls/{call}/",
            f"/calls/{call}/poster/",
            f"/committees/{RECRUITING}/mandate/print/",
            f"/committees/{FINISHED}/progress/",
            f"/committees/{FINISHED}/deliverable/",
            "/privacy/",
            "/accessibility/",
            f"/calls/{call}/apply/",
            f"/invitations/{world['invitation']}/",
            "/accounts/login/",
            "/accounts/login/code/",
            "/accounts/signup/",
            "/accounts/password/reset/",
        ],
    )
    # What the municipality wrote is Danish on the English pages too, and says so (WCAG 3.1.2).
    visitor = open_browser("en", "reader")
    visitor.go(f"/committees/{FINISHED}/")
    assert visitor.page.locator("h1[lang=da]").inner_text() == "Ungepolitik 2025"
    assert visitor.page.locator("#problem-heading + [lang=da]").inner_text().startswith("Unge i Gentofte")


def test_every_page_of_a_citizen_with_an_application_passes_axe(open_browser, snapshots):
    world = seed(snapshots)
    reference = world["reference"]
    visitor = open_browser("da", "borger2")
    visitor.sign_in_citizen(email("borger2"))  # checks the code pages on the way
    sweep(
        visitor,
        [
            "/applications/",
            f"/applications/{reference}/",
            f"/applications/{reference}/edit/",
            f"/applications/{reference}/withdraw/",
            "/my/committees/",
            f"/my/committees/{ACTIVE}/meetings/1/",
            f"/my/committees/{FINISHED}/meetings/7/",
            f"/my/committees/{FINISHED}/evaluation/",  # answered in the demo
            "/my/calendar/",
            "/accounts/details/",
            "/accounts/email/",
            "/accounts/sessions/",
        ],
    )
    # The account page sent without a name comes back with its error.
    send_empty(visitor, "/accounts/details/", "Gem")


def test_every_page_of_an_invited_citizen_who_sits_in_committees_passes_axe(open_browser, snapshots):
    world = seed(snapshots)
    visitor = open_browser("en", "borger3")
    sign_in_citizen(visitor, email("borger3"))
    sweep(
        visitor,
        [
            f"/applications/{world['invited_reference']}/",
            f"/invitations/{world['invitation']}/",
            f"/my/committees/{ACTIVE}/meetings/6/",
            "/accounts/details/",
        ],
    )


def test_every_page_of_a_politician_passes_axe(open_browser, snapshots):
    world = seed(snapshots)
    call, reference = world["call"], world["reference"]
    visitor = open_browser("da", "politiker1")
    sign_in_official(visitor, email("politiker1"), check=True)  # checks the second factor's page
    sweep(
        visitor,
        [
            f"/calls/{call}/applications/",
            f"/calls/{call}/applications/{reference}/",
            f"/calls/{call}/matching/",
            "/my/committees/",
            f"/committees/{ACTIVE}/deliverable/",  # submitted: amendments and the form to propose one
            f"/committees/{FINISHED}/deliverable/",
            f"/my/committees/{FINISHED}/evaluation/",  # the demo's survey has closed: says so
            "/accounts/2fa/",
            "/accounts/details/",
        ],
    )
    # Two forms sent empty: an amendment and the evaluation survey (opened again for this) come back with
    # their errors.
    send_empty(visitor, f"/committees/{ACTIVE}/deliverable/", "Stil forslag")
    EvaluationSurvey.objects.filter(mandate__slug=FINISHED).update(
        closes_at=timezone.now() + timedelta(days=7)
    )
    send_empty(visitor, f"/my/committees/{FINISHED}/evaluation/", "Send mine svar")


def test_every_page_of_a_facilitator_passes_axe(open_browser, snapshots):
    seed(snapshots)
    visitor = open_browser("da", "facilitator1")
    sign_in_official(visitor, email("facilitator1"))
    # Two forms sent empty: the agenda of a planned meeting, and an action item in a record.
    send_empty(visitor, f"/my/committees/{ACTIVE}/meetings/6/", "Offentliggør dagsordenen")
    send_empty(visitor, f"/my/committees/{ACTIVE}/meetings/1/record/", "Tilføj opgaven")
    sweep(
        visitor,
        [
            f"/my/committees/{ACTIVE}/meetings/1/",
            f"/my/committees/{ACTIVE}/meetings/1/record/",
            f"/my/committees/{ACTIVE}/meetings/6/",
            f"/committees/{ACTIVE}/deliverable/",
            f"/committees/{ACTIVE}/deliverable/diff/",
            f"/committees/{RECRUITING}/deliverable/edit/",  # drafting: the editing form, empty
            f"/committees/{FINISHED}/deliverable/edit/",  # decided: says so instead of a form
            f"/committees/{FINISHED}/deliverable/diff/",
            "/accounts/details/",
        ],
    )


def test_the_admin_pages_council_staff_use_pass_axe(open_browser, snapshots):
    from accounts.models import User
    from mandates.models import Mandate
    from notifications.models import Notification
    from recruitment.models import Application

    world = seed(snapshots)
    mandate = Mandate.objects.get(slug=FINISHED).pk
    application = Application.objects.get(reference=world["reference"]).pk
    notification = Notification.objects.order_by("pk").first().pk
    politician = User.objects.get(email=email("politiker1")).pk
    visitor = open_browser("da", "sekretariat")
    sign_in_official(visitor, email("sekretariat"))
    sweep(
        visitor,
        [
            "/admin/",
            "/admin/mandates/mandate/",
            f"/admin/mandates/mandate/{mandate}/change/",
            "/admin/recruitment/call/",
            f"/admin/recruitment/call/{world['call']}/change/",
            "/admin/recruitment/application/",
            f"/admin/recruitment/application/{application}/change/",
            "/admin/notifications/notification/",
            f"/admin/notifications/notification/{notification}/change/",
            f"/admin/accounts/user/{politician}/change/",  # roles read-only: staff are no superusers
            "/admin/deliberation/evaluationsurvey/",
            f"/committees/{ACTIVE}/deliverable/",
        ],
    )


# --- Forms with errors, the keyboard, focus.


def active(page) -> dict:
    """What has focus now: its id, tag, and whether an outline of at least 2px shows around it."""
    return page.evaluate(
        """() => {
          const e = document.activeElement, style = getComputedStyle(e);
          return {id: e.id, tag: e.tagName.toLowerCase(), text: e.textContent.trim(),
                  outlined: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2};
        }"""
    )


def tab_to(page, selector: str, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until the element matching selector has focus; every stop on the way must
    show its focus."""
    for _ in range(limit):
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        now = active(page)
        assert now["outlined"] or now["tag"] == "body", f"focus is not visible on {now}"
    raise AssertionError(f"{selector} was not reached with the keyboard (stuck at {active(page)})")


def assert_error_summary_in_focus_and_tied_to_fields(page) -> None:
    """The summary has focus; every field marked invalid points (itself, or through its fieldset) with
    aria-describedby at a message the summary also lists; every link of the summary finds its field."""
    assert active(page)["id"].endswith("error-summary"), (
        f"focus is on {active(page)}, not on the error summary"
    )
    problems = page.evaluate(
        """() => {
          const summary = document.querySelector("[data-error-summary]"), problems = [];
          const said = summary.textContent.replace(/\\s+/g, " ");
          for (const field of document.querySelectorAll("[aria-invalid=true]")) {
            const ids = [field, field.closest("fieldset")].filter(Boolean)
              .flatMap(e => (e.getAttribute("aria-describedby") || "").split(/\\s+/)).filter(Boolean);
            const texts = ids.map(id => document.getElementById(id)).filter(Boolean)
              .map(e => e.textContent.replace(/\\s+/g, " ").trim()).filter(Boolean);
            if (!texts.some(t => said.includes(t))) problems.push(`${field.id}: no message tied`);
          }
          for (const link of summary.querySelectorAll("a[href^='#']")) {
            if (!document.getElementById(link.hash.slice(1))) problems.push(`${link.hash}: no such field`);
          }
          if (!document.querySelector("[aria-invalid=true]")) problems.push("no field is marked invalid");
          return problems;
        }"""
    )
    assert not problems, problems


def send_empty(visitor, path: str, button: str) -> None:
    """Send a form empty (in Danish): it comes back with an error summary in focus, tied to the fields."""
    visitor.set_language("da")
    visitor.go(path)
    page = visitor.page
    form = page.locator("main form").filter(has=page.get_by_role("button", name=button, exact=True))
    for field in form.locator("textarea, input[type=text]").all():
        field.fill("")
    with page.expect_navigation():
        form.get_by_role("button", name=button, exact=True).click()
    assert_error_summary_in_focus_and_tied_to_fields(page)
    # A view may answer a form with errors with 400, which Chromium logs as a failed load.
    visitor.browser_errors[:] = [e for e in visitor.browser_errors if "status of 400" not in e]
    visitor.check(both_languages=False)


def test_an_application_with_errors_shows_a_summary_in_focus_that_links_to_each_field(
    open_browser, snapshots
):
    world = seed(snapshots)
    visitor = open_browser("da", "borger1")
    sign_in_citizen(visitor, email("borger1"))
    page = visitor.page
    visitor.go(f"/calls/{world['call']}/apply/")
    page.locator("#id_motivation").fill("Jeg vil gerne være med, fordi jeg kender mange unge.")
    page.locator("#id_postal_code").fill("2820")
    with page.expect_navigation():
        page.get_by_role("button", name="Send min ansøgning").click()

    summary = page.locator("[data-error-summary]")
    assert summary.count() == 1
    assert active(page)["id"] == "error-summary", f"focus is on {active(page)}, not on the error summary"
    assert active(page)["outlined"]
    assert_error_summary_in_focus_and_tied_to_fields(page)
    links = summary.get_by_role("link")
    texts = links.all_inner_texts()
    assert any("1. prioritet" in text for text in texts), texts
    assert any("privatlivserklæringen" in text for text in texts), texts
    for target in ("#id_choice_1", "#id_tie_0", "#id_consent"):
        field = page.locator(target)
        assert field.get_attribute("aria-invalid") == "true", target
        described_by = (field.get_attribute("aria-describedby") or "").split()
        closest_fieldset = field.evaluate(
            "(e) => e.closest('fieldset')?.getAttribute('aria-describedby') || ''"
        )
        error_ids = [i for i in described_by + closest_fieldset.split() if i.endswith("_error")]
        assert error_ids, f"{target} is not tied to its error message"
        assert page.locator(f"#{error_ids[0]}").inner_text().strip(), f"{target}'s error message is empty"
        summary.locator(f'a[href="{target}"]').click()
        assert "#" + active(page)["id"] == target, f"the summary's link did not move focus to {target}"
    # What was typed is still there.
    assert page.locator("#id_motivation").input_value().startswith("Jeg vil gerne være med")
    assert page.locator("#id_postal_code").input_value() == "2820"
    visitor.check(both_languages=False)


def test_signing_in_with_a_wrong_password_puts_the_error_summary_in_focus(open_browser, snapshots):
    seed(snapshots)
    visitor = open_browser("en", "stranger")
    page = visitor.page
    visitor.go("/accounts/login/")
    page.locator("input[name=login]").fill(email("politiker1"))
    page.locator("input[name=password]").fill("not-the-password")
    with page.expect_navigation():
        page.locator("input[name=password]").press("Enter")
    assert active(page)["id"] == "error-summary", f"focus is on {active(page)}, not on the error summary"
    assert "not correct" in page.locator("#error-summary").inner_text()
    assert page.locator("input[name=login]").input_value() == email("politiker1")
    visitor.check(both_languages=False)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content(open_browser, snapshots):
    seed(snapshots)
    visitor = open_browser("da", "keyboard")
    page = visitor.page
    visitor.go("/committees/")
    page.keyboard.press("Tab")
    skip = active(page)
    assert skip["text"] == "Gå til hovedindhold" and skip["outlined"], skip
    assert page.locator(".skip-link").bounding_box()["y"] >= 0, "the skip link stays off screen when focused"
    page.keyboard.press("Enter")
    assert active(page)["id"] == "main"
    page.keyboard.press("Tab")
    first = page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    assert first, f"after the skip link, Tab went to {active(page)}, outside the main content"


def test_a_citizen_can_apply_with_the_keyboard_alone(open_browser, snapshots):
    """Tab, Shift+Tab, Space, Enter, arrow keys and typing; no click and no fill."""
    from recruitment.models import Application

    world = seed(snapshots)
    visitor = open_browser("en", "citizen6")
    sign_in_citizen(visitor, email("citizen6"))
    page, keys = visitor.page, visitor.page.keyboard
    visitor.go(f"/calls/{world['call']}/apply/")

    tab_to(page, "#id_choice_1")
    keys.press("ArrowDown")  # the first profile
    tab_to(page, "#id_motivation")
    keys.type("I coach a youth football team and hear every week what the young people worry about.")
    tab_to(page, "input[name=available_meetings]")
    keys.press("Space")
    tab_to(page, "#id_tie_0")
    keys.press("Space")
    tab_to(page, "#id_consent")
    keys.press("Space")
    tab_to(page, "main form button[type=submit]")
    with page.expect_navigation():
        keys.press("Enter")  # the postal code is missing: the summary says so and has focus
    assert active(page)["id"] == "error-summary", active(page)
    keys.press("Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == "#id_postal_code"
    keys.press("Enter")
    assert active(page)["id"] == "id_postal_code"
    keys.type("2900")
    tab_to(page, "#id_motivation", backwards=True)  # what was typed is still there
    assert page.locator("#id_motivation").input_value().startswith("I coach a youth football team")
    tab_to(page, "main form button[type=submit]")
    keys.press("Enter")
    page.wait_for_url("**/applications/*/")
    application = Application.objects.get(applicant__email=email("citizen6"))
    assert application.postal_code == "2900" and application.available_meetings.count() == 1
