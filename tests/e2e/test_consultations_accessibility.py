"""Accessibility in Chromium of every page of consultations and dialogue meetings, for every role, over the
demo: each passes axe-core (WCAG 2.1 A and AA) in Danish and English with no browser error, and a form sent
with errors puts its error summary in focus, tied to the fields, with nothing typed lost.

The demo (with "Bevægelse i hverdagen"'s open consultation and meetings and "Ungepolitik 2025"'s closed one)
is seeded once for the module and restored for each test, as in test_accessibility.py.
"""

from __future__ import annotations

import pytest

from tests.e2e.test_accessibility import (
    FINISHED,
    email,
    seed,
    send_empty,
    sign_in_citizen,
    sign_in_official,
    sweep,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ACTIVE = "bevaegelse-i-hverdagen"


@pytest.fixture(scope="module")
def snapshots() -> dict:
    """The seeded demo, kept by this module's first seed() for the tests after it."""
    return {}


def demo() -> dict:
    """The demo's consultations, meetings and a few people's own things, by what they are."""
    from consultations.models import Consultation, Contribution, DialogueMeeting, Registration

    movement = Consultation.objects.get(committee__mandate__slug=ACTIVE)
    youth = Consultation.objects.get(committee__mandate__slug=FINISHED)
    meetings = {m.kind: m.pk for m in DialogueMeeting.objects.all()}
    anders = email("deltager01")
    return {
        "movement": movement.pk,
        "youth": youth.pk,
        "question": movement.items.order_by("order").first().pk,
        "section": movement.items.get(kind="section").pk,
        "dialogue": meetings["dialogue"],
        "visit": meetings["site_visit"],
        "summit": meetings["workshop"],
        "anders_contribution": Contribution.objects.get(
            author__email=anders, consultation=movement, item__order=1
        ).pk,
        "anders_seat": Registration.objects.filter(user__email=anders).first().pk,
        "hidden": Contribution.objects.filter(state="hidden", author__isnull=False).first().pk,
        "hidden_author": Contribution.objects.filter(state="hidden", author__isnull=False)
        .first()
        .author.email,
        "offered": Registration.objects.get(state="offered").pk,
        "offered_to": Registration.objects.get(state="offered").user.email,
    }


def test_every_public_page_of_consultations_and_meetings_passes_axe(open_browser, snapshots):
    seed(snapshots)
    d = demo()
    sweep(
        open_browser("da", "anonymous"),
        [
            "/consultations/",
            f"/consultations/{d['movement']}/",
            f"/consultations/{d['movement']}/?item={d['section']}",
            f"/consultations/{d['youth']}/",
            f"/consultations/{d['movement']}/items/{d['question']}/contribute/",
            f"/consultations/{d['movement']}/items/{d['section']}/contribute/",
            "/dialogue-meetings/",
            f"/dialogue-meetings/{d['dialogue']}/",
            f"/dialogue-meetings/{d['visit']}/",
            f"/dialogue-meetings/{d['summit']}/",
            f"/dialogue-meetings/{d['dialogue']}/register/",
            f"/committees/{FINISHED}/deliverable/",  # carries the youth consultation's report
        ],
    )


def test_every_page_of_a_contributor_passes_axe_and_their_forms_explain_errors(open_browser, snapshots):
    seed(snapshots)
    d = demo()
    visitor = open_browser("da", "deltager01")
    sign_in_citizen(visitor, email("deltager01"))
    sweep(
        visitor,
        [
            "/consultations/mine/",
            f"/contributions/{d['anders_contribution']}/edit/",
            f"/contributions/{d['anders_contribution']}/withdraw/",
            f"/registrations/{d['anders_seat']}/",
            f"/dialogue-meetings/{d['visit']}/register/",  # full: the waiting list
            f"/consultations/{d['movement']}/",  # with what they wrote
        ],
    )
    send_empty(visitor, f"/contributions/{d['anders_contribution']}/edit/", "Gem og send ændringerne")
    send_empty(visitor, f"/dialogue-meetings/{d['visit']}/register/", "Sæt mig på ventelisten")


def test_the_pages_of_a_hidden_contribution_and_an_offered_seat_pass_axe(open_browser, snapshots):
    seed(snapshots)
    d = demo()
    hidden = open_browser("en", "hidden")
    sign_in_citizen(hidden, d["hidden_author"])
    sweep(hidden, [f"/contributions/{d['hidden']}/edit/", "/consultations/mine/"])
    offered = open_browser("da", "offered")
    sign_in_citizen(offered, d["offered_to"])
    sweep(offered, [f"/registrations/{d['offered']}/"])


def test_every_page_of_a_politician_on_the_committee_passes_axe(open_browser, snapshots):
    seed(snapshots)
    d = demo()
    visitor = open_browser("da", "politiker1")
    sign_in_official(visitor, email("politiker1"))
    sweep(
        visitor,
        [
            f"/committees/{ACTIVE}/public-engagement/",
            f"/consultations/{d['movement']}/review/",
            f"/committees/{ACTIVE}/deliverable/",
        ],
    )


def test_every_page_of_a_facilitator_passes_axe_and_their_forms_explain_errors(open_browser, snapshots):
    seed(snapshots)
    d = demo()
    visitor = open_browser("da", "facilitator1")
    sign_in_official(visitor, email("facilitator1"))
    sweep(
        visitor,
        [
            f"/committees/{ACTIVE}/public-engagement/",
            f"/committees/{ACTIVE}/consultations/new/",
            f"/consultations/{d['movement']}/edit/",
            f"/consultations/{d['movement']}/review/",
            f"/consultations/{d['movement']}/review/?state=hidden&kind=private&q=nabo",
            f"/consultations/{d['movement']}/report/",
            f"/consultations/{d['youth']}/report/",
            f"/committees/{ACTIVE}/dialogue-meetings/new/",
            f"/dialogue-meetings/{d['dialogue']}/edit/",
            f"/dialogue-meetings/{d['dialogue']}/participants/",
            f"/dialogue-meetings/{d['dialogue']}/attendance/",
            f"/dialogue-meetings/{d['dialogue']}/summary/",
            f"/dialogue-meetings/{d['summit']}/participants/",
            f"/dialogue-meetings/{d['summit']}/attendance/",
            f"/dialogue-meetings/{d['summit']}/summary/",
        ],
    )
    send_empty(visitor, f"/committees/{ACTIVE}/consultations/new/", "Gem")
    send_empty(visitor, f"/committees/{ACTIVE}/dialogue-meetings/new/", "Gem og offentliggør")


def test_the_pages_council_staff_use_pass_axe(open_browser, snapshots):
    from consultations.models import Contribution

    seed(snapshots)
    d = demo()
    contribution = Contribution.objects.filter(state="published").first().pk
    visitor = open_browser("da", "sekretariat")
    sign_in_official(visitor, email("sekretariat"))
    sweep(
        visitor,
        [
            "/admin/consultations/consultation/",
            f"/admin/consultations/consultation/{d['movement']}/change/",
            "/admin/consultations/contribution/",
            f"/admin/consultations/contribution/{contribution}/change/",
            "/admin/consultations/dialoguemeeting/",
            f"/admin/consultations/dialoguemeeting/{d['visit']}/change/",
            f"/committees/{ACTIVE}/public-engagement/",
            f"/consultations/{d['movement']}/review/",
        ],
    )
