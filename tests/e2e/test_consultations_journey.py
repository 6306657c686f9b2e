"""The committee asks the public, in a real browser, end to end.

The facilitator prepares a consultation on two questions and a section of the committee's draft and
publishes it, starting from "My committees". Ida finds it on the home page, writes in Danish before signing
in, signs in with a mailed code and finds her text waiting. Noah writes in English with the keyboard alone.
The facilitator, told by mail that contributions wait, publishes Ida's, hides Noah's with a reason and tags
Ida's, and exports the contributions; Noah changes his text from the link in his mail and sends it again. A
dialogue meeting with one seat fills, Ida joins the waiting list, the holder cancels, and Ida accepts the seat
offered to her by mail; the facilitator reads her access need on the participant list. The consultation
closes; the facilitator publishes "what we heard", Ida is told, and the deliverable carries it: on its page
and in the case document.

Every page on the way passes axe (WCAG 2.1 A and AA) in Danish and English where it was reached by a GET.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from consultations.models import Consultation, Contribution, Registration
from tests.deliberation.deliverable_factories import committee_at_work, drafted
from tests.e2e.journey_steps import link_from_mail_to, press_button, t, tab_to
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Flere unge i fritidsaktiviteter"
QUESTION_1 = "Hvad får dig til at gå til noget i din fritid?"
QUESTION_2 = "Hvad holder dig tilbage?"
IDA_TEXT = "Klubben skal have åbent om aftenen, også i weekenden. Det er der, vi mødes."
NOAH_TEXT = "Football costs too much: the club fee and the boots together are more than we can pay."
HEARD = "Mange unge savner steder at være om aftenen, og prisen holder nogle tilbage."


@pytest.fixture
def people():
    cast = committee_at_work()
    drafted(cast)  # the committee's first draft, with the section "Vision"
    return {
        "cast": cast,
        "ida": UserFactory(full_name="Ida Jensen", email="ida@example.dk"),
        "noah": UserFactory(full_name="Noah Hansen", email="noah@example.dk", preferred_language="en"),
        "karl": UserFactory(full_name="Karl Nielsen", email="karl@example.dk"),
    }


def test_the_public_is_consulted_heard_and_invited_in_the_browser(open_browser, people):
    cast = people["cast"]
    slug = cast.committee.mandate.slug
    facilitator = open_browser("da", "facilitator")
    facilitator.sign_in_official(cast.facilitator.email)
    consultation = _facilitator_prepares_and_publishes(facilitator, slug)

    ida = open_browser("da", "ida")
    _ida_writes_before_signing_in(ida, people["ida"])
    noah = open_browser("en", "noah")
    _noah_writes_with_the_keyboard_alone(noah, people["noah"], consultation)

    _facilitator_moderates_tags_and_exports(facilitator, cast, consultation)
    reader = open_browser("da", "reader")
    reader.go(consultation.get_absolute_url())
    assert IDA_TEXT in reader.page.content() and NOAH_TEXT not in reader.page.content()
    assert "Gentofte Ungdomsklub" in reader.page.content()
    _noah_changes_his_hidden_text_from_the_mail(noah, people["noah"])

    meeting_url = _facilitator_plans_a_dialogue_meeting(facilitator, slug)
    karl = open_browser("da", "karl")
    karl.sign_in_citizen(people["karl"].email)
    _register(karl, meeting_url, needs=())
    _register(ida, meeting_url, needs=(t("A hearing loop"),))
    assert Registration.objects.get(user=people["ida"]).state == Registration.State.WAITING
    _karl_cancels_and_ida_takes_the_seat(karl, ida, people["ida"])
    facilitator.go(meeting_url + "participants/")
    facilitator.check()
    assert t("A hearing loop") in facilitator.page.locator("main").inner_text()

    # The consultation closes: in production the time passes; here it is moved into the past.
    Consultation.objects.filter(pk=consultation.pk).update(ends_at=timezone.now() - timedelta(minutes=1))
    _facilitator_publishes_what_we_heard(facilitator, consultation)
    assert "#heard" in link_from_mail_to(people["ida"].email, r"/consultations/\d+/#heard")
    _the_deliverable_carries_the_report(facilitator, slug)


def _facilitator_prepares_and_publishes(facilitator, slug: str) -> Consultation:
    page = facilitator.page
    facilitator.go("/my/committees/")
    page.get_by_role("link", name=t("The committee's consultations and dialogue meetings")).click()
    page.wait_for_url(f"**/committees/{slug}/public-engagement/")
    facilitator.check()
    page.get_by_role("link", name=t("New consultation")).click()
    page.wait_for_url("**/consultations/new/")
    facilitator.check()
    now = timezone.localtime()
    page.locator("#id_title").fill(TITLE)
    page.get_by_label(t("Introduction")).fill("Udvalget vil gerne høre fra unge og deres forældre.")
    page.get_by_label(t("Opens")).fill((now - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(t("Closes")).fill((now + timedelta(days=21)).strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_questions-0-title").fill(QUESTION_1)
    page.locator("#id_questions-1-title").fill(QUESTION_2)
    page.get_by_label("Vision").check()
    page.get_by_role("button", name=t("Save"), exact=True).click()
    page.wait_for_url(re.compile(r"/consultations/\d+/$"))
    facilitator.check()
    page.get_by_role("button", name=t("Publish the consultation")).click()
    page.get_by_text(t("The consultation is published.")).wait_for()
    facilitator.check()
    consultation = Consultation.objects.get(title=TITLE)
    assert consultation.items.count() == 3 and consultation.published_at
    assert "Alle unge skal trives" in page.locator("main").inner_text()  # the draft section, now public
    return consultation


def _ida_writes_before_signing_in(ida, person) -> None:
    page = ida.page
    ida.go("/")
    ida.check()
    open_now = page.get_by_role("region", name=t("Have your say: open consultations"))
    open_now.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/consultations/\d+/$"))
    ida.check()
    page.get_by_role("link", name=t("Answer “%(title)s”", title=QUESTION_1)).click()
    page.wait_for_url("**/contribute/")
    ida.check()
    page.get_by_label(t("Your contribution")).fill(IDA_TEXT)
    page.get_by_label(t("On behalf of an organisation")).check()
    page.get_by_label(t("The organisation's name")).fill("Gentofte Ungdomsklub")
    page.get_by_label(
        re.compile(re.escape(t("I have read the privacy notice (version %(version)s)").split("%(")[0]))
    ).check()
    page.get_by_role("button", name=t("Continue: sign in and send")).click()
    page.wait_for_url("**/accounts/login/**")
    page.get_by_role("link", name=t("Send me a sign-in code")).click()
    page.locator("input[name=email]").fill(person.email)
    page.locator("input[name=email]").press("Enter")
    page.wait_for_url("**/login/code/confirm/**")
    from tests.e2e.visitor import code_from_mail_to

    page.locator("input[name=code]").fill(code_from_mail_to(person.email))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url("**/contribute/")
    assert page.get_by_label(t("Your contribution")).input_value() == IDA_TEXT  # it waited
    assert page.get_by_label(t("The organisation's name")).input_value() == "Gentofte Ungdomsklub"
    ida.check(both_languages=False)
    page.get_by_role("button", name=t("Send my contribution")).click()
    page.wait_for_url("**/consultations/mine/")
    ida.check()
    assert Contribution.objects.get(author=person).state == Contribution.State.PENDING


def _noah_writes_with_the_keyboard_alone(noah, person, consultation) -> None:
    """Tab, Shift+Tab, Space, arrow keys, Enter and typing; no click and no fill."""
    noah.sign_in_citizen(person.email)
    page, keys = noah.page, noah.page.keyboard
    second = consultation.items.get(title=QUESTION_2)
    noah.go(consultation.get_absolute_url())
    noah.check()
    tab_to(page, page.get_by_role("link", name=f"Answer “{QUESTION_2}”"))
    with page.expect_navigation():
        keys.press("Enter")
    assert page.url.endswith(f"/items/{second.pk}/contribute/")
    noah.check()
    tab_to(page, page.get_by_label("Your contribution"))
    keys.type(NOAH_TEXT)
    tab_to(page, page.get_by_label("Publish it under my name"))
    keys.press("ArrowDown")  # "without my name"
    assert page.get_by_label("Publish it without my name").is_checked()
    consent = page.get_by_label(re.compile("I have read the privacy notice"))
    tab_to(page, consent)
    keys.press("Space")
    assert consent.is_checked()
    press_button(page, page.get_by_role("button", name="Send my contribution"))
    page.wait_for_url("**/consultations/mine/")
    noah.check()
    contribution = Contribution.objects.get(author=person)
    assert contribution.body == NOAH_TEXT and contribution.is_anonymous


def _facilitator_moderates_tags_and_exports(facilitator, cast, consultation) -> None:
    page = facilitator.page
    facilitator.go(link_from_mail_to(cast.facilitator.email, r"/consultations/\d+/review/\?state=pending"))
    facilitator.check()
    ida = Contribution.objects.get(author__email="ida@example.dk")
    noah = Contribution.objects.get(author__email="noah@example.dk")
    page.get_by_role("button", name=t("Publish contribution %(number)s", number=ida.pk)).click()
    page.get_by_text(t("The contribution is published.")).wait_for()
    facilitator.check(both_languages=False)
    page.get_by_label(t("Why hide contribution %(number)s", number=noah.pk)).select_option("off_topic")
    page.get_by_role("button", name=t("Hide contribution %(number)s", number=noah.pk)).click()
    page.get_by_text(t("The contribution is hidden, and its author is told why.")).wait_for()
    facilitator.go(f"/consultations/{consultation.pk}/review/")
    page.get_by_label(t("Tags of contribution %(number)s, separated by commas", number=ida.pk)).fill(
        "Åbningstider, Klubber"
    )
    page.get_by_role("button", name=t("Save the tags of %(number)s", number=ida.pk)).click()
    page.get_by_text(t("The tags are saved.")).wait_for()
    facilitator.check(both_languages=False)
    with page.expect_download() as download:
        page.get_by_role(
            "link", name=t("Download every contribution as CSV (the download is recorded)")
        ).click()
    with open(download.value.path(), encoding="utf-8-sig") as file:
        exported = file.read()
    assert IDA_TEXT in exported and NOAH_TEXT in exported and "ida@example.dk" not in exported
    assert sorted(ida.tags.values_list("name", flat=True)) == ["Klubber", "Åbningstider"]


def _noah_changes_his_hidden_text_from_the_mail(noah, person) -> None:
    page = noah.page
    link = link_from_mail_to(person.email, r"/contributions/\d+/edit/")
    assert any(person.email in m.to and "off topic" in m.body for m in mail.outbox)
    noah.go(link)
    noah.check()
    box = page.get_by_label("Your contribution")
    box.fill(NOAH_TEXT + " The municipality could lend boots, as the library lends books.")
    page.get_by_role("button", name="Save and send the changes").click()
    page.wait_for_url("**/consultations/mine/")
    assert Contribution.objects.get(author=person).state == Contribution.State.PENDING


def _facilitator_plans_a_dialogue_meeting(facilitator, slug: str) -> str:
    page = facilitator.page
    facilitator.go(f"/committees/{slug}/public-engagement/")
    page.get_by_role("link", name=t("New dialogue meeting")).click()
    page.wait_for_url("**/dialogue-meetings/new/")
    facilitator.check()
    starts = timezone.localtime() + timedelta(days=14)
    page.locator("#id_kind").select_option("workshop")
    page.locator("#id_title").fill("Værksted om fritid")
    page.locator("#id_starts_at").fill(starts.strftime("%Y-%m-%dT17:00"))
    page.locator("#id_ends_at").fill(starts.strftime("%Y-%m-%dT19:00"))
    page.locator("#id_place").fill("Ungdomsskolen, salen")
    page.locator("#id_capacity").fill("1")
    page.locator("#id_programme").fill("Oplæg, og så arbejder vi ved bordene.")
    page.get_by_role("button", name=t("Save and publish")).click()
    page.wait_for_url(re.compile(r"/dialogue-meetings/\d+/$"))
    facilitator.check()
    return page.url.removeprefix(facilitator.site)


def _register(visitor, meeting_url: str, *, needs) -> None:
    page = visitor.page
    visitor.go(meeting_url)
    visitor.check()
    page.get_by_role("link", name=re.compile(f"^({t('Register')}|{t('Join the waiting list')})$")).click()
    page.wait_for_url("**/register/")
    visitor.check()
    for need in needs:
        page.get_by_label(need).check()
    page.get_by_label(
        re.compile(re.escape(t("I have read the privacy notice (version %(version)s)").split("%(")[0]))
    ).check()
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/registrations/\d+/$"))
    visitor.check()


def _karl_cancels_and_ida_takes_the_seat(karl, ida, ida_person) -> None:
    karl.page.get_by_role("button", name=t("Cancel my registration")).click()
    karl.page.get_by_text(t("Your registration is cancelled. Thank you for letting us know.")).wait_for()
    ida.go(link_from_mail_to(ida_person.email, r"/registrations/\d+/"))
    ida.check()
    ida.page.get_by_role("button", name=t("Yes, I take the seat")).click()
    ida.page.get_by_text(
        t("You have a seat. We have emailed you the details and a calendar file.")
    ).wait_for()
    ida.check(both_languages=False)
    assert Registration.objects.get(user=ida_person).state == Registration.State.CONFIRMED
    seat_mail = [m for m in mail.outbox if ida_person.email in m.to and m.attachments]
    assert seat_mail and seat_mail[-1].attachments[0][2] == "text/calendar"


def _facilitator_publishes_what_we_heard(facilitator, consultation) -> None:
    page = facilitator.page
    facilitator.go(consultation.get_absolute_url())
    page.get_by_role("link", name=t("Write what we heard")).click()
    page.wait_for_url("**/report/")
    facilitator.check()
    page.locator("#id_summary").fill(HEARD)
    page.get_by_label(t("How the input on “%(title)s” was used", title=QUESTION_1)).fill(
        "Udvalget foreslår åbne klubber om aftenen."
    )
    page.get_by_label("Værksted om fritid", exact=False).check()
    page.get_by_role("button", name=t("Publish and tell the contributors")).click()
    page.get_by_text(t("What we heard is published, and the contributors are told.")).wait_for()
    facilitator.check(both_languages=False)
    facilitator.go(consultation.get_absolute_url())
    assert HEARD in page.locator("#heard").inner_text()


def _the_deliverable_carries_the_report(facilitator, slug: str) -> None:
    page = facilitator.page
    facilitator.go(f"/committees/{slug}/deliverable/")
    assert HEARD in page.locator("main").inner_text()
    page.get_by_role("button", name=t("Submit version %(number)s to the political bodies", number=1)).click()
    page.get_by_text(
        t("The deliverable has been submitted. The committee's members have been told.")
    ).wait_for()
    facilitator.check()
    response = page.request.get(f"{facilitator.site}/committees/{slug}/deliverable/case-document.pdf")
    assert response.ok
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages).split())
    assert "Høringen og hvad vi hørte" in text and HEARD in text
