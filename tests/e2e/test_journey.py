"""The whole journey of a task committee in a real browser, as the people do it.

Council staff write a mandate with its profiles and meeting plan in the admin, record its adoption and
open the call; three citizens apply (one before signing in, one in English, one with the keyboard alone,
and one of them first sends the form with a field left empty); the deadline passes; the chair rates in
the dashboard's rows (the mouse and the digit keys), finds a tie that waits for the public value of the
draw, which staff enter, and confirms; the call page publishes what the draw decided; the chosen
citizens accept through the link in their email; the facilitator logs a
meeting and publishes its decision summary, then writes and submits the deliverable; the chair
proposes an amendment; staff record the standing committee's recommendation, accept the amendment
and record the City Council's endorsement and an implementation action; an anonymous visitor reads
the decision and the progress page.

Every page on the way is checked with axe (WCAG 2.1 A and AA), in Danish and English where it was
reached by a GET, and for browser errors (a CSP refusal is one).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts import roles
from committees.models import Meeting, Membership
from deliberation.models import CouncilDecision
from mandates.models import CompetenceProfile, Mandate, PoliticalBody
from recruitment.engine import lottery
from recruitment.models import Application, Call, Invitation, Rating
from recruitment.tasks import close_due_calls_task
from tests.e2e.journey_admin import add_inline_row, autocomplete, run_action, save
from tests.e2e.journey_steps import (
    choose_with_arrows,
    is_focused,
    link_from_mail_to,
    press_button,
    select_with_the_mouse,
    t,
    tab_to,
    tick_with_space,
    type_into,
)
from tests.e2e.visitor import code_from_mail_to
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Unge og fritid"
SLUG = "unge-og-fritid"
PROFILE_PUPIL = "Elev i udskolingen"
PROFILE_PARENT = "Forælder til en ung"
RECEIPT = re.compile(r"/applications/[A-Z0-9]+/(#.*)?$")
CONSENT_START = t("I have read the privacy notice (version %(version)s)").split("%(")[0]


@pytest.fixture
def people():
    """The municipality as it is before the journey: its political bodies and the people's accounts."""
    PoliticalBody.objects.create(name="Kommunalbestyrelsen", kind=PoliticalBody.Kind.CITY_COUNCIL)
    PoliticalBody.objects.create(name="Børne- og Skoleudvalget", kind=PoliticalBody.Kind.STANDING_COMMITTEE)
    return {
        "staff": UserFactory(
            full_name="Sara Sekretær", roles=[roles.COUNCIL_STAFF], is_staff=True, totp=True
        ),
        "chair": UserFactory(full_name="Anne Holm", roles=[roles.POLITICIAN], totp=True),
        "facilitator": UserFactory(full_name="Frida Madsen", roles=[roles.FACILITATOR], totp=True),
        "ida": UserFactory(full_name="Ida Jensen", email="ida@example.dk"),
        "noah": UserFactory(full_name="Noah Hansen", email="noah@example.dk", preferred_language="en"),
        "karl": UserFactory(full_name="Karl Nielsen", email="karl@example.dk"),
    }


def test_a_committee_runs_from_mandate_to_public_progress_in_the_browser(open_browser, people):
    staff = open_browser("da", "staff")
    staff.sign_in_official(people["staff"].email)
    staff.check()
    _staff_writes_and_adopts_the_mandate(staff, people)
    call = _staff_opens_the_call(staff)

    ida, noah = open_browser("da", "ida"), open_browser("en", "noah")
    _ida_applies_with_the_mouse_before_signing_in(ida, people["ida"])
    _noah_applies_in_english(noah, people["noah"])
    _karl_applies_with_the_keyboard_alone(open_browser("da", "karl"), people["karl"])
    assert Application.objects.filter(call=call).count() == 3

    # The deadline passes: in production the beat runs recruitment.close_due_calls every minute
    # (config/celery.py). Here the deadline is moved into the past and the same task runs once.
    Call.objects.filter(pk=call.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    assert close_due_calls_task() == 1
    assert Mandate.objects.get(slug=SLUG).state == Mandate.State.MATCHING

    chair = open_browser("da", "chair")
    chair.sign_in_official(people["chair"].email)
    _chair_rates_in_the_dashboard_rows(chair, people["chair"])
    _a_tie_waits_for_the_draw_which_decides_once_staff_enter_the_public_value(chair, staff, call)

    _citizen_accepts_from_the_email(ida, people["ida"])
    _citizen_accepts_from_the_email(noah, people["noah"])
    assert Mandate.objects.get(slug=SLUG).state == Mandate.State.ACTIVE
    assert Application.objects.get(applicant=people["karl"]).state == Application.State.NOT_SELECTED

    facilitator = open_browser("da", "facilitator")
    facilitator.sign_in_official(people["facilitator"].email)
    # Meeting 1 takes place: a record is written only once a meeting has started, so its time is moved
    # to an hour ago, as the clock would.
    started = timezone.now() - timedelta(hours=1)
    Meeting.objects.filter(committee__mandate__slug=SLUG, number=1).update(
        starts_at=started, ends_at=started + timedelta(hours=2)
    )
    _facilitator_logs_the_first_meeting(facilitator)
    _facilitator_writes_and_submits_the_deliverable(facilitator)

    _chair_proposes_an_amendment(chair, people["chair"])
    _council_reviews_amends_and_endorses(staff)
    decision = CouncilDecision.objects.get()
    assert decision.outcome == CouncilDecision.Outcome.ENDORSED_WITH_AMENDMENTS
    indsatser = decision.agreed_sections[0]["body"]
    assert indsatser == "- Klubberne holder åbent til **kl. 22 på torsdage og fredage**.", indsatser

    _anyone_reads_the_decision_and_the_progress(open_browser("da", "reader"))


# --- Council staff: the mandate and the call.


def _staff_writes_and_adopts_the_mandate(staff, people) -> None:
    page = staff.page
    staff.go("/admin/")
    staff.check()
    page.locator("tr.model-mandate a.addlink").click()
    page.wait_for_url("**/admin/mandates/mandate/add/")
    staff.check()

    today = timezone.localdate()
    page.locator("#id_title").press_sequentially(TITLE)
    expect(page.locator("#id_slug")).to_have_value(SLUG)  # the admin's script fills it from the title
    page.locator("#id_problem").fill("Færre unge går til en fritidsaktivitet end for ti år siden.")
    page.locator("#id_delivery_kind").select_option("action_plan")
    page.locator("#id_starts_on").fill((today + timedelta(days=30)).isoformat())
    page.locator("#id_ends_on").fill((today + timedelta(days=240)).isoformat())
    page.locator("#id_citizens_target").fill("2")
    autocomplete(page, "id_adopted_by", "Kommunalbestyrelsen")
    page.locator("#id_adopted_on").fill(today.isoformat())
    page.locator("#id_adoption_agenda_item").fill("Punkt 7")

    task = add_inline_row(page, "tasks")
    task.locator("textarea[name$=-text]").fill("Foreslå en handleplan for flere unge i fritidsaktiviteter.")
    for order, (title, description) in enumerate(
        [(PROFILE_PUPIL, "Du går i 7.–9. klasse."), (PROFILE_PARENT, "Du har et barn på 13–17 år.")], 1
    ):
        row = add_inline_row(page, "profiles")
        row.locator("input[name$=-order]").fill(str(order))
        row.locator("input[name$=-title]").fill(title)
        row.locator("textarea[name$=-description]").fill(description)
        row.locator("input[name$=-seats]").fill("1")
    for order, body in enumerate(["Børne- og Skoleudvalget", "Kommunalbestyrelsen"], 1):
        row = add_inline_row(page, "receiving_bodies")
        row.locator("input[name$=-order]").fill(str(order))
        autocomplete(page, row.locator("select[name$=-body]").get_attribute("id"), body)
    save(page, continue_editing=True)
    staff.check()

    # With the committee made, the meeting plan and the members go in below.
    for number, days in ((1, 40), (2, 70)):
        row = add_inline_row(page, "meetings")
        row.locator("input[name$=-number]").fill(str(number))
        day = (today + timedelta(days=days)).isoformat()
        row.locator("input[name$=-starts_at_0]").fill(day)
        row.locator("input[name$=-starts_at_1]").fill("17:00")
        row.locator("input[name$=-ends_at_0]").fill(day)
        row.locator("input[name$=-ends_at_1]").fill("19:30")
        row.locator("input[name$=-place]").fill("Rådhuset, mødesal 2")
    # One group per kind of seat; each person box offers only accounts with that official role.
    for person, role in ((people["chair"], "politician"), (people["facilitator"], "facilitator")):
        row = add_inline_row(page, f"{role}_memberships")
        autocomplete(page, row.locator("select[name$=-user]").get_attribute("id"), person.full_name)
        if role == "politician":
            row.locator("select[name$=-position]").select_option("chair")
    save(page, continue_editing=True)
    staff.check()

    with page.expect_navigation():
        page.get_by_role("button", name=t("Move to “%(label)s”", label=t("Adopted"))).click()
    assert Mandate.objects.get(slug=SLUG).state == Mandate.State.ADOPTED, page.locator(
        ".messagelist"
    ).inner_text()
    staff.check()


def _staff_opens_the_call(staff) -> Call:
    page = staff.page
    staff.go("/admin/recruitment/call/add/")
    staff.check()
    now = timezone.localtime()
    deadline = now + timedelta(days=21)
    autocomplete(page, "id_mandate", TITLE)
    opens = now - timedelta(minutes=5)
    page.locator("#id_opens_at_0").fill(opens.date().isoformat())
    page.locator("#id_opens_at_1").fill(opens.strftime("%H:%M"))
    page.locator("#id_deadline_0").fill(deadline.date().isoformat())
    page.locator("#id_deadline_1").fill("12:00")
    page.locator("#id_intro").fill("Vil du være med til at gøre fritiden bedre for unge? Søg en plads.")
    page.locator("#id_draw_public_value_source").fill("Lottotallene lørdag efter fristen")
    save(page)
    staff.check()
    run_action(page, row_text=TITLE, action="open_calls")
    staff.check()
    call = Call.objects.get(mandate__slug=SLUG)
    assert call.state == Call.State.OPEN
    return call


# --- Three citizens apply.


def _open_the_call_from_the_home_page(visitor) -> None:
    visitor.go("/")
    visitor.check()
    visitor.page.get_by_role("link", name=TITLE).first.click()
    visitor.page.wait_for_url(re.compile(r"/calls/\d+/$"))
    visitor.check()


def _ida_applies_with_the_mouse_before_signing_in(ida, person) -> None:
    """Ida fills in the form first; the sign-in pages say her application is kept, and signing in sends it."""
    _open_the_call_from_the_home_page(ida)
    page = ida.page
    page.get_by_role("link", name=t("Apply"), exact=True).click()
    page.wait_for_url("**/apply/")
    ida.check()
    page.get_by_label(t("1st choice")).select_option(label=PROFILE_PUPIL)
    page.get_by_label(t("Why do you want to take part?")).fill("Min datter keder sig efter skole.")
    for box in page.locator("input[name=available_meetings]").all():
        box.check()
    page.get_by_label(t("I live in the municipality")).check()
    page.get_by_label(t("Gender")).select_option("woman")
    page.get_by_label(re.compile(re.escape(CONSENT_START))).check()
    page.get_by_role("button", name=t("Continue: sign in and send")).click()
    page.wait_for_url(re.compile(r"/accounts/login/\?next="))
    kept = t("Your application to “%(title)s” is kept.", title=TITLE)
    expect(page.locator("#kept-for-sign-in")).to_contain_text(kept)
    ida.check()
    page.get_by_role("link", name=t("Send me a sign-in code")).click()
    page.wait_for_url("**/login/code/**")
    expect(page.locator("#kept-for-sign-in")).to_contain_text(kept)
    page.locator("input[name=email]").fill(person.email)
    page.locator("input[name=email]").press("Enter")
    page.wait_for_url("**/login/code/confirm/**")
    expect(page.locator("#kept-for-sign-in")).to_contain_text(kept)
    ida.check(both_languages=False)
    page.locator("input[name=code]").fill(code_from_mail_to(person.email))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(RECEIPT)
    reference = Application.objects.get(applicant=person).reference
    sent = t(
        "You are signed in, and your application is sent. Its reference is %(reference)s. "
        "We have emailed you a receipt.",
        reference=reference,
    )
    expect(page.get_by_role("status").filter(has_text=reference)).to_have_text(sent)
    ida.check(both_languages=False)


def _noah_applies_in_english(noah, person) -> None:
    noah.sign_in_citizen(person.email)
    _open_the_call_from_the_home_page(noah)
    page = noah.page
    page.get_by_role("link", name="Apply", exact=True).click()
    page.wait_for_url("**/apply/")
    noah.check()
    page.get_by_label("1st choice").select_option(label=PROFILE_PARENT)
    page.get_by_label("2nd choice (optional)").select_option(label=PROFILE_PUPIL)
    page.get_by_label("Why do you want to take part?").fill("My son plays football and I coach.")
    for box in page.locator("input[name=available_meetings]").all():
        box.check()
    page.get_by_label("I work in the municipality").check()
    page.get_by_label("Gender").select_option("man")
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Send my application").click()
    page.wait_for_url(RECEIPT)
    noah.check()


def _karl_applies_with_the_keyboard_alone(karl, person) -> None:
    """Tab, Shift+Tab, Space, Enter, arrows and typing only: no click and no fill from here to the receipt."""
    page = karl.page
    karl.go("/accounts/login/code/")
    karl.check()
    type_into(page, page.locator("input[name=email]"), person.email)
    page.keyboard.press("Enter")
    page.wait_for_url("**/login/code/confirm/**")
    karl.check(both_languages=False)
    type_into(page, page.locator("input[name=code]"), code_from_mail_to(person.email))
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login/code" not in url)

    karl.go("/")
    press_button(page, page.get_by_role("link", name=TITLE).first)
    page.wait_for_url(re.compile(r"/calls/\d+/$"))
    press_button(page, page.get_by_role("link", name=t("Apply"), exact=True))
    page.wait_for_url("**/apply/")

    # Everything but the motivation, which Karl leaves for later and forgets.
    choose_with_arrows(page, page.get_by_label(t("1st choice")), PROFILE_PUPIL)
    for box in page.locator("input[name=available_meetings]").all():
        tick_with_space(page, box)
    tab_to(page, page.get_by_label(t("I live in the municipality")))
    page.keyboard.press("Space")
    choose_with_arrows(page, page.get_by_label(t("Gender")), t("Man"))
    consent = page.get_by_label(re.compile(re.escape(CONSENT_START)))
    tick_with_space(page, consent)
    press_button(page, page.get_by_role("button", name=t("Send my application")))
    page.wait_for_load_state("load")

    # The error summary has the focus, names the field and links to it; nothing typed is lost.
    summary = page.locator("#error-summary")
    summary.wait_for()
    assert is_focused(summary), "the error summary did not get the focus"
    link = summary.get_by_role("link", name=re.compile(re.escape(t("Why do you want to take part?"))))
    motivation = page.get_by_label(t("Why do you want to take part?"))
    assert link.get_attribute("href") == f"#{motivation.get_attribute('id')}"
    assert motivation.get_attribute("aria-invalid") == "true"
    described_by = (motivation.get_attribute("aria-describedby") or "").split()
    assert any(page.locator(f"#{i}").inner_text().strip() for i in described_by if "error" in i), (
        "the error message is not tied to the field"
    )
    karl.check(both_languages=False)
    assert (
        page.get_by_label(t("1st choice")).evaluate("s => s.options[s.selectedIndex].text") == PROFILE_PUPIL
    )
    assert page.get_by_label(t("I live in the municipality")).is_checked()
    assert consent.is_checked()
    assert all(box.is_checked() for box in page.locator("input[name=available_meetings]").all())

    # Following the summary's link puts the cursor in the field.
    page.keyboard.press("Tab")
    assert is_focused(link)
    page.keyboard.press("Enter")
    assert is_focused(motivation), "the summary's link did not move the focus to the field"
    page.keyboard.type("Jeg går i 8. klasse og savner et sted at være om aftenen.")
    press_button(page, page.get_by_role("button", name=t("Send my application")))
    page.wait_for_url(RECEIPT)
    karl.check()


# --- The deadline has passed: the chair reviews and decides.


SCORES = {  # (applicant, profile): the chair's score; Ida and Karl tie for the pupil's seat
    ("ida@example.dk", PROFILE_PUPIL): "4",
    ("karl@example.dk", PROFILE_PUPIL): "4",
    ("noah@example.dk", PROFILE_PARENT): "5",
    ("noah@example.dk", PROFILE_PUPIL): "2",
}


def _rows() -> dict[str, tuple[str, str]]:
    """The dashboard's row id of each (applicant, profile) scored above."""
    ids = {}
    for email, profile in SCORES:
        application = Application.objects.get(applicant__email=email)
        profile_pk = CompetenceProfile.objects.get(mandate__slug=SLUG, title=profile).pk
        ids[f"row-{profile_pk}-{application.reference}"] = (email, profile)
    return ids


def _chair_rates_in_the_dashboard_rows(chair, person) -> None:
    """One score with the mouse, the rest with the digit keys on a focused row: the focus moves on to the
    next row not yet rated, and the own and mean score change in place."""
    page = chair.page
    chair.go(link_from_mail_to(person.email, r"/calls/\d+/applications/"))
    chair.check()
    rows = _rows()
    by_score = {key: score for key, score in SCORES.items()}
    first_id = next(i for i, key in rows.items() if key == ("noah@example.dk", PROFILE_PARENT))
    page.locator(f"#{first_id}").get_by_role("button", name=re.compile(r"^5:")).click()
    expect(page.locator(f"#{first_id} td.own-rating")).to_have_attribute("data-own-score", "5")
    expect(page.locator(f"#{first_id} td[id^=mean-]")).to_have_text(re.compile(r"5[,.]0"))
    expect(page.locator("#rating-progress")).to_contain_text("1")
    chair.check(both_languages=False)

    # Tab into the next row not yet rated ("N" finds it), then type each score there.
    page.locator(f"#{first_id}").focus()
    page.keyboard.press("n")
    for step in range(len(rows) - 1):
        focused = page.evaluate("() => document.activeElement.id")
        assert focused in rows, f"the focus is on {focused!r}, not on a row to rate"
        assert page.locator(f"#{focused}").get_attribute("data-unrated") is not None
        score = by_score[rows[focused]]
        page.keyboard.press(score)
        expect(page.locator(f"#{focused} td.own-rating")).to_have_attribute("data-own-score", score)
        if step < len(rows) - 2:
            page.wait_for_function(
                f"() => document.activeElement.id && document.activeElement.id !== {focused!r}"
            )
    assert Rating.objects.count() == len(rows)
    expect(page.locator("tr[data-unrated]")).to_have_count(0)  # marked once htmx has settled
    chair.check()

    # The whole application is one click away, and the way back too.
    karl = Application.objects.get(applicant__email="karl@example.dk").reference
    page.get_by_role("link", name=karl, exact=True).first.click()
    page.wait_for_url(f"**/applications/{karl}/")
    chair.check()
    page.get_by_role("link", name=re.compile(re.escape(t("All applicants")))).click()
    page.wait_for_url(re.compile(r"/applications/$"))


def _a_public_value_drawing(first: str, before: str, candidates: list[str]) -> str:
    """A value of the kind staff type from the Lotto draw, for which the published draw puts `first`
    before `before` (so the rest of the journey knows who was invited)."""
    for n in range(1, 500):
        value = f"{n} 12 23 31 40 / 3 18"
        order = lottery.draw(sorted(candidates), value)
        if order.index(first) < order.index(before):
            return value
    raise AssertionError("no value found")


def _a_tie_waits_for_the_draw_which_decides_once_staff_enter_the_public_value(chair, staff, call) -> None:
    page = chair.page
    ida = Application.objects.get(applicant__email="ida@example.dk").reference
    karl = Application.objects.get(applicant__email="karl@example.dk").reference
    page.get_by_role("link", name=t("Matching: the engine's proposal")).first.click()
    page.wait_for_url("**/matching/")
    draw = page.locator("section[aria-labelledby=draw-heading]")
    expect(draw).to_contain_text(ida)
    expect(draw).to_contain_text(karl)
    expect(draw).to_contain_text("Lottotallene lørdag efter fristen")
    confirm = page.get_by_role("button", name=t("Confirm the selection and send the invitations"))
    assert confirm.count() == 0, "a tie without the public value must not be confirmed"
    chair.check()

    # Saturday's Lotto numbers are known: staff enter them on the call.
    references = list(Application.objects.filter(call=call).values_list("reference", flat=True))
    value = _a_public_value_drawing(ida, karl, references)
    staff.go(f"/admin/recruitment/call/{call.pk}/change/")
    staff.check()
    staff.page.locator("#id_draw_public_value").fill(value)
    save(staff.page)
    staff.check()

    chair.go(f"/calls/{call.pk}/matching/")
    expect(draw).to_contain_text(value)
    expect(draw.locator("pre.draw-command")).to_contain_text("python -m recruitment.lottery")
    chair.check()
    page.get_by_label(t("Why this selection (required; it is part of the record)")).fill(
        "De bedst egnede til hver profil; lodtrækningen afgjorde elevens plads."
    )
    confirm.click()
    page.wait_for_load_state("load")
    assert Invitation.objects.count() == 2
    assert Invitation.objects.filter(application__reference=ida).exists()
    chair.check()

    # The call page publishes the seat the draw decided, the value, the algorithm and the command.
    chair.go(f"/calls/{call.pk}/")
    published = page.locator("section[aria-labelledby=draw-heading]")
    expect(published).to_contain_text(ida)
    expect(published).to_contain_text(value)
    expect(published.locator("code.draw-command")).to_contain_text(f"{ida}")
    chair.check()


def _citizen_accepts_from_the_email(citizen, person) -> None:
    citizen.go(link_from_mail_to(person.email, r"/invitations/[^/\s]+/"))
    citizen.check()
    citizen.page.get_by_role("button", name=t("Yes, I accept", citizen.language)).click()
    citizen.page.get_by_role("heading", name=t("You are a member", citizen.language)).wait_for()
    citizen.check()


# --- The committee at work.


def _facilitator_logs_the_first_meeting(facilitator) -> None:
    page = facilitator.page
    facilitator.go("/my/committees/")
    facilitator.check()
    page.get_by_role("link", name=t("Meeting %(number)s", number=1)).first.click()
    page.wait_for_url("**/meetings/1/")
    facilitator.check()
    record = t("The meeting's record: attendance, notes and the decision summary")
    page.get_by_role("link", name=record).click()
    page.wait_for_url("**/meetings/1/record/")
    facilitator.check()
    for box in page.locator("input[name=present]").all():
        box.check()
    page.get_by_role("textbox", name=t("Internal notes")).fill(
        "God energi. Ida og Noah kender hinanden fra klubben."
    )
    page.get_by_role("textbox", name=t("Decisions"), exact=True).fill(
        "Udvalget holder et åbent møde i marts."
    )
    page.get_by_role("textbox", name=t("Decision summary")).fill(
        "Udvalget har aftalt at holde et åbent møde for unge i marts."
    )
    page.get_by_role("button", name=t("Publish the decision summary")).click()
    page.get_by_text(t("The decision summary is published and the members are told.")).wait_for()
    facilitator.check()
    assert any("ida@example.dk" in m.to and "åbent møde for unge" in m.body for m in mail.outbox)


def _facilitator_writes_and_submits_the_deliverable(facilitator) -> None:
    page = facilitator.page
    facilitator.go("/my/committees/")
    page.get_by_role("link", name=t("The committee's deliverable")).click()
    page.wait_for_url(f"**/committees/{SLUG}/deliverable/")
    facilitator.check()
    page.get_by_role("link", name=t("Start writing")).click()
    page.wait_for_url("**/deliverable/edit/")
    facilitator.check()
    page.get_by_label(t("Title"), exact=True).fill("Handleplan: flere unge i fritidsaktiviteter")
    # Two sections in one edit, saved as one version.
    page.get_by_label(t("Heading")).fill("Indsatser")
    page.get_by_label(t("Text"), exact=True).fill("- Klubberne holder åbent til **kl. 22 på torsdage**.")
    page.get_by_role("button", name=t("Add another section")).click()
    second = page.locator("[data-sections] [data-section]").last
    second.get_by_label(t("Heading")).fill("Baggrund")
    second.get_by_label(t("Text"), exact=True).fill("Færre unge går til en fritidsaktivitet end før.")
    page.get_by_role("button", name=t("Save as a new version")).click()
    page.wait_for_url(re.compile(r"/deliverable/$"))
    facilitator.check()
    page.get_by_role("button", name=t("Submit version %(number)s to the political bodies", number=1)).click()
    page.get_by_text(
        t("The deliverable has been submitted. The committee's members have been told.")
    ).wait_for()
    facilitator.check()


def _chair_proposes_an_amendment(chair, person) -> None:
    """The chair selects the words on the rendered text with the mouse, as they read them (they run across
    bold type: the Markdown behind them is never asked for), and writes the new wording."""
    page = chair.page
    chair.go(link_from_mail_to(person.email, rf"/committees/{SLUG}/deliverable/"))
    chair.check()
    select_with_the_mouse(page, page.locator("[data-amend-section] li").first, "kl. 22 på torsdage")
    page.get_by_role("button", name=t("Propose new wording for the selected words")).click()
    wording = page.get_by_label(t("New wording"))
    assert is_focused(wording) and wording.input_value() == "kl. 22 på torsdage"
    assert page.get_by_label(t("The words you selected:")).is_checked()
    wording.fill("kl. 22 på torsdage og fredage")
    page.get_by_label(t("Reason")).fill("Fredag aften er der flest unge ude.")
    page.get_by_role("button", name=t("Propose"), exact=True).click()
    page.get_by_text(t("Your amendment has been proposed.")).wait_for()
    chair.check()


def _council_reviews_amends_and_endorses(staff) -> None:
    page = staff.page
    today = timezone.localdate()
    staff.go("/admin/deliberation/reviewstep/add/")
    staff.check()
    page.locator("#id_deliverable").select_option(index=1)
    route_step = t("Step %(step)s of %(steps)s: %(body)s", step=1, steps=2, body="Børne- og Skoleudvalget")
    assert page.locator("#id_route_entry option:not([value=''])").all_inner_texts() == [
        route_step,
        t("Step %(step)s of %(steps)s: %(body)s", step=2, steps=2, body="Kommunalbestyrelsen"),
    ]  # the deliverable's own route only, by step and body
    page.locator("#id_route_entry").select_option(label=route_step)
    page.locator("#id_meeting_date").fill(today.isoformat())
    page.locator("#id_agenda_item").fill("5")
    page.locator("#id_outcome").select_option("recommends")
    page.locator("#id_text").fill("Anbefales over for Kommunalbestyrelsen.")
    save(page)
    staff.check()

    staff.go("/admin/deliberation/amendment/")
    staff.check()
    run_action(page, row_text="fredage", action="accept")
    staff.check()

    staff.go("/admin/deliberation/councildecision/add/")
    staff.check()
    page.locator("#id_deliverable").select_option(index=1)
    page.locator("#id_decided_on").fill(today.isoformat())
    page.locator("#id_agenda_item").fill("12")
    page.locator("#id_outcome").select_option("endorsed_amended")
    page.locator("#id_votes_for").fill("21")
    page.locator("#id_votes_against").fill("4")
    page.locator("#id_votes_abstaining").fill("0")
    page.locator("#id_remarks").fill("Godkendt med ændringsforslaget om fredage.")
    save(page)
    staff.check()

    staff.go("/admin/deliberation/implementationaction/add/")
    staff.check()
    page.locator("#id_mandate").select_option(label=TITLE)
    page.locator("#id_title").fill("Længere åbningstid i klubberne")
    page.locator("#id_responsible_unit").fill("Børn og Unge")
    page.locator("#id_due_on").fill((today + timedelta(days=120)).isoformat())
    save(page, continue_editing=True)
    staff.check()
    update = page.locator("#updates-group tr.form-row:not(.empty-form)").last
    update.locator("input[name$=-on]").fill(today.isoformat())
    update.locator("input[name$=-progress]").fill("25")
    update.locator("textarea[name$=-text]").fill("Tre klubber har udvidet åbningstiden.")
    save(page)
    staff.check()


# --- Anyone can follow what came of it.


def _anyone_reads_the_decision_and_the_progress(reader) -> None:
    page = reader.page
    reader.go("/")
    reader.check()
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(f"**/committees/{SLUG}/")
    reader.check()
    assert page.get_by_text("fredage").count()  # the agreed text, as amended
    assert page.get_by_text("Udvalget har aftalt at holde et åbent møde").count()  # the published summary
    page.get_by_role("link", name=t("The delivery in full, with the amendments and what changed")).click()
    page.wait_for_url("**/deliverable/")
    reader.check()
    page.go_back()
    page.get_by_role("link", name=t("Follow the implementation, with every dated update")).click()
    page.wait_for_url("**/progress/")
    reader.check()
    assert page.get_by_text("Tre klubber har udvidet åbningstiden.").count()
    assert Membership.objects.filter(committee__mandate__slug=SLUG, role="citizen").count() == 2
