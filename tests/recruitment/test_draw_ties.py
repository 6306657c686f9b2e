"""Ties at the seat line: the matching page names them, confirming waits for the public value of the draw
(or for the politicians to decide the tie with a reason), and the call page publishes what the draw
decided, with the value, the algorithm and the command that reproduces it."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import Entry
from recruitment.engine import lottery
from recruitment.engine.matching import Candidate, Problem, Profile, Rules
from recruitment.engine.ties import tied_seats
from recruitment.models import Application, Call, Invitation, Selection
from recruitment.review.selection import selection_confirm
from tests.recruitment.reserve_factories import applicant
from tests.recruitment.review_factories import closed_call, politicians

pytestmark = pytest.mark.django_db
VALUE = "7 12 23 31 40 / 3 18"


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


# --- Which seats a tie decides (pure).


def person(cid: int, gender: str, score: float, organisation: str | None = None) -> Candidate:
    return Candidate(id=cid, preferences=(1,), scores={1: score}, gender=gender, organisation=organisation)


def test_an_equally_rated_applicant_left_out_ties_the_seat():
    rules = Rules(min_gender_share=0, max_per_organisation=1)
    problem = Problem(
        candidates=(person(1, "woman", 4), person(2, "man", 4), person(3, "man", 3)),
        profiles=(Profile(1, 1),),
        rules=rules,
    )
    (tie,) = tied_seats(problem, {1: [1]})
    assert (tie.profile_id, tie.holder, tie.rivals, tie.pinned) == (1, 1, (2,), False)
    assert tied_seats(problem, {1: [3]}) == []  # nobody left out is rated 3


def test_an_equal_rival_who_would_break_a_rule_does_not_tie_the_seat():
    rules = Rules(min_gender_share=0, max_per_organisation=1)
    problem = Problem(
        candidates=(person(1, "woman", 4, "klubben"), person(2, "man", 4), person(3, "man", 4, "klubben")),
        profiles=(Profile(1, 2),),
        rules=rules,
        pins=frozenset({(2, 1)}),
    )
    (tie,) = tied_seats(problem, {1: [1, 2]})
    # 3 may replace the woman from the club, but not the man: that would seat two from the club.
    assert (tie.holder, tie.rivals) == (1, (3,))


# --- The matching page and the confirmation.


@pytest.fixture
def tied():
    """One seat; two applicants rated 4, one rated 2. The call names where the draw's value comes from."""
    call = closed_call(profiles=1, seats=1)
    Call.objects.filter(pk=call.pk).update(draw_public_value_source="Lottotallene lørdag efter fristen")
    call.refresh_from_db()
    profile = call.mandate.profiles.get()
    first = applicant(call, profile, gender="woman", score=4)
    second = applicant(call, profile, gender="man", score=4)
    applicant(call, profile, gender="man", score=2)
    return call, profile, first, second


def page(call, query: str = "") -> str:
    return reverse("recruitment:matching", args=[call.pk]) + query


def test_without_the_public_value_a_tie_blocks_the_confirmation_and_says_why(client, tied):
    call, profile, first, second = tied
    client.force_login(politicians(call)[0])
    html = client.get(page(call)).content.decode()
    assert "A tie decides 1 seat, and the public value for the draw is not known yet" in html
    assert "Lottotallene lørdag efter fristen" in html
    ties = html.split("Seats decided between equally suited applicants", 1)[1].split("</table>", 1)[0]
    assert first.reference in ties and second.reference in ties
    assert first.applicant.full_name in ties and second.applicant.full_name in ties
    assert "Confirm the selection and send the invitations" not in html
    # Posting a selection anyway (an old page, a script) is refused, and nothing is sent.
    response = client.post(
        page(call), {"seat": f"{profile.pk}:{first.pk}", "rationale": "Hun var først."}, follow=True
    )
    assert "the public value for the draw is not known yet" in response.content.decode()
    assert not Selection.objects.exists() and not Invitation.objects.exists()


def test_with_the_public_value_the_draw_decides_and_the_page_shows_how(client, tied):
    call, profile, first, second = tied
    Call.objects.filter(pk=call.pk).update(draw_public_value=VALUE)
    order = lottery.draw(sorted(a.reference for a in call.applications.all()), VALUE)
    winner, loser = sorted((first, second), key=lambda a: order.index(a.reference))
    client.force_login(politicians(call)[0])

    html = client.get(page(call)).content.decode()

    assert "The draw decided 1 seat between equally suited applicants" in html
    assert f'name="seat" value="{profile.pk}:{winner.pk}"' in html
    assert VALUE in html and lottery.ALGORITHM_VERSION in html
    command = re.search(r'<pre class="draw-command"><code>(.*?)</code>', html).group(1)
    assert command.startswith("python -m recruitment.lottery &quot;7 12 23 31 40 / 3 18&quot; ")
    assert all(a.reference in command for a in call.applications.all())
    # The proposal of before the value was known is out of date: the draw gave the seat to the other.
    with pytest.raises(ValidationError, match="The draw has changed the proposal"):
        selection_confirm(
            call=call, by=politicians(call)[0], rationale="x", seats={profile.pk: [loser.pk]}, reserves={}
        )
    response = client.post(
        page(call), {"seat": f"{profile.pk}:{winner.pk}", "rationale": "Lodtrækningen afgjorde det."}
    )
    assert response.status_code == 302
    selection = Selection.objects.get()
    assert selection.tied_seats == [
        {"profile": profile.pk, "holder": winner.reference, "rivals": [loser.reference], "by_hand": False}
    ]

    public = client.get(reverse("portal:call", args=[call.pk])).content.decode()
    seats = public.split("The seats decided between equally suited applicants", 1)[1].split("</ul>", 1)[0]
    assert (
        f"the draw gave the seat to {winner.reference}, drawn before the equally suited {loser.reference}"
        in seats
    )
    assert profile.title in seats
    assert (
        VALUE in public and lottery.ALGORITHM_VERSION in public and "python -m recruitment.lottery" in public
    )
    assert winner.applicant.full_name not in public  # references only, never names


def test_the_politicians_decide_a_tie_themselves_with_a_reason_on_the_record(client, tied):
    call, profile, first, second = tied
    chair = politicians(call)[0]
    client.force_login(chair)
    query = f"?pin={second.pk}:{profile.pk}"
    html = client.get(page(call, query)).content.decode()
    assert "You decided these ties yourselves" in html
    assert 'name="tie_reason"' in html

    response = client.post(
        page(call),
        {"seat": f"{profile.pk}:{second.pk}", "pin": f"{second.pk}:{profile.pk}", "rationale": "Han passer."},
    )
    assert response.status_code == 200  # refused: the tie's reason is missing; what was typed stays
    html = response.content.decode()
    assert "Say why you decided the tie yourselves" in html and "Han passer." in html
    assert not Selection.objects.exists()

    client.post(
        page(call),
        {
            "seat": f"{profile.pk}:{second.pk}",
            "pin": f"{second.pk}:{profile.pk}",
            "rationale": "Han passer.",
            "tie_reason": "Han kan alle mødedatoer, hun kan ikke den første.",
        },
    )
    selection = Selection.objects.get()
    assert selection.tie_reason == "Han kan alle mødedatoer, hun kan ikke den første."
    assert selection.tied_seats[0]["by_hand"] is True
    entry = Entry.objects.get(action="selection.tie_decided")
    assert entry.actor == chair and entry.data["reason"] == selection.tie_reason
    assert Application.objects.get(pk=second.pk).state == Application.State.INVITED
    public = client.get(reverse("portal:call", args=[call.pk])).content.decode()
    assert f"the politicians chose {second.reference} over the equally suited {first.reference}" in public
    assert "mødedatoer" not in public  # the reason may speak of people: it stays with the committee


def test_a_proposal_without_ties_says_the_draw_is_not_needed(client):
    call = closed_call(profiles=1, seats=1)
    profile = call.mandate.profiles.get()
    applicant(call, profile, gender="woman", score=5)
    applicant(call, profile, gender="man", score=3)
    client.force_login(politicians(call)[0])
    html = client.get(page(call)).content.decode()
    assert "No seat is decided by a tie" in html
    assert "Confirm the selection and send the invitations" in html
