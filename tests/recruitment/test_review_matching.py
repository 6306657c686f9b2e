"""The matching page: the engine's proposal, pins and exclusions, rules that cannot be met, and the
politicians' confirmation, which happens once, with a rationale, and sends the invitations."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from notifications.models import Notification
from recruitment.engine import matching as engine
from recruitment.models import Application, Call, Invitation, Placement, Selection
from tests.recruitment.factories import ApplicationFactory, RatingFactory, call_with_committee
from tests.recruitment.review_factories import bulk_applications, close, facilitator, politicians
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def drawn(call):
    """The public value for the draw is known: ties between equally rated applicants are decided."""
    Call.objects.filter(pk=call.pk).update(draw_public_value="7 12 23 31 40 / 3 18")
    call.refresh_from_db()
    return call


def page_url(call, query: str = "") -> str:
    return reverse("recruitment:matching", args=[call.pk]) + query


def rated(call, *, gender: str, score: int, profiles=None, **fields) -> Application:
    """An applicant for the given profiles (default: all), rated `score` by the first politician for each."""
    chosen = profiles or list(call.mandate.profiles.all())
    application = ApplicationFactory(call=call, gender=gender, profiles=chosen, **fields)
    for profile in chosen:
        RatingFactory(application=application, profile=profile, politician=politicians(call)[0], score=score)
    return application


def shown(client, call, query: str = "") -> tuple[dict[int, list[int]], dict[int, list[int]], str]:
    """The seats and reserves the confirm form would post, by profile, and the page."""
    html = client.get(page_url(call, query)).content.decode()
    seats: dict[int, list[int]] = {}
    reserves: dict[int, list[int]] = {}
    for kind, profile, application in re.findall(r'name="(seat|reserve)" value="(\d+):(\d+)"', html):
        (seats if kind == "seat" else reserves).setdefault(int(profile), []).append(int(application))
    return seats, reserves, html


@pytest.fixture
def call():
    """Two profiles of one seat each, six applicants for both, the best rated first; closed."""
    call = drawn(close(call_with_committee(profiles=2, seats=1, politicians=2)))
    for n, gender in enumerate(["woman", "man", "woman", "man", "woman", "man"]):
        rated(call, gender=gender, score=5 - n % 5)
    return call


def test_the_proposal_fills_each_profile_up_to_its_seats_and_ranks_the_rest_as_reserves(client, call):
    client.force_login(politicians(call)[0])
    seats, reserves, html = shown(client, call)
    assert sorted(len(ids) for ids in seats.values()) == [1, 1]
    seated = {pk for ids in seats.values() for pk in ids}
    assert len(seated) == 2
    for ids in reserves.values():
        assert not set(ids) & seated and len(ids) == 4
    assert "The proposal meets every rule." in html
    assert "1 of 1 seat filled." in html
    genders = set(Application.objects.filter(pk__in=seated).values_list("gender", flat=True))
    assert genders == {"woman", "man"}  # at least 40 % of each gender


def test_a_pin_puts_a_reserve_in_the_seat(client, call):
    client.force_login(politicians(call)[0])
    seats, reserves, _html = shown(client, call)
    profile = next(iter(seats))
    seated_gender = Application.objects.get(pk=seats[profile][0]).gender
    reserve = next(pk for pk in reserves[profile] if Application.objects.get(pk=pk).gender == seated_gender)
    pinned_seats, _reserves, html = shown(client, call, f"?pin={reserve}:{profile}")
    assert pinned_seats[profile] == [reserve]
    assert "Pinned" in html and "pinned to" in html
    assert f'name="pin" value="{reserve}:{profile}"' in html  # the pin is kept for the next run


def test_an_exclusion_takes_someone_out_of_seats_and_reserves(client, call):
    client.force_login(politicians(call)[0])
    seats, _reserves, _html = shown(client, call)
    leaving = next(iter(seats.values()))[0]
    new_seats, new_reserves, html = shown(client, call, f"?exclude={leaving}")
    placed = {pk for ids in [*new_seats.values(), *new_reserves.values()] for pk in ids}
    assert leaving not in placed
    assert sum(len(ids) for ids in new_seats.values()) == 2
    adjustments = html.split("Your adjustments", 1)[1]
    name = Application.objects.get(pk=leaving).applicant.full_name
    assert re.search(rf"{re.escape(name)}\s*\(\w+\) left out", adjustments), "the excluded are named"


def test_pins_that_break_a_rule_are_explained_and_the_best_assignment_without_them_shown(client):
    # Five seats need two of each gender (40 %, rounded down); five pinned men break that.
    call = drawn(close(call_with_committee(profiles=1, seats=5)))
    profile = call.mandate.profiles.get()
    men = [rated(call, gender="man", score=5) for _ in range(5)]
    women = [rated(call, gender="woman", score=2) for _ in range(3)]
    client.force_login(politicians(call)[0])
    seats, _reserves, html = shown(client, call, "?" + "&".join(f"pin={m.pk}:{profile.pk}" for m in men))
    assert "No assignment meets every rule." in html
    unmet = html.split("What cannot be met together with the rest:", 1)[1].split("</ul>", 1)[0]
    assert "at least 40 % of each gender" in unmet
    assert "The assignment shown is the best one without: the pins you set." in html
    seated = set(seats[profile.pk])
    assert len(seated) == 5 and len(seated & {w.pk for w in women}) == 2


def test_a_rule_that_leaves_seats_empty_is_named(client):
    # With five seats, a pool of women alone can fill two (40 % of two, rounded down, is no men).
    call = drawn(close(call_with_committee(profiles=1, seats=5)))
    for _ in range(6):
        rated(call, gender="woman", score=4)
    client.force_login(politicians(call)[0])
    seats, _reserves, html = shown(client, call)
    assert sum(len(ids) for ids in seats.values()) == 2
    assert "3 seats stay empty." in html
    assert "More seats could be filled without this rule:" in html
    assert "at least 40 % of each gender" in html.split("More seats could be filled", 1)[1]


def test_an_engine_failure_is_a_message_not_an_error_page(client, call, monkeypatch):
    def fail(problem, **kwargs):
        raise engine.SolverError("time limit")

    monkeypatch.setattr(engine, "solve", fail)
    client.force_login(politicians(call)[0])
    response = client.get(page_url(call))
    assert response.status_code == 200
    assert "The matching engine could not finish." in response.content.decode()


def confirm(client, call, *, query: str = "", rationale: str = "Bedste match med balance."):
    seats, reserves, _html = shown(client, call, query)
    data = {
        "seat": [f"{p}:{a}" for p, ids in seats.items() for a in ids],
        "reserve": [f"{p}:{a}" for p, ids in reserves.items() for a in ids],
        "rationale": rationale,
    }
    return client.post(page_url(call), data, follow=True), seats, reserves


def test_confirming_records_the_selection_invites_the_seated_places_reserves_and_thanks_the_rest(
    client, call
):
    anne = politicians(call)[0]
    client.force_login(anne)
    seats, _reserves, _html = shown(client, call)
    left_out = (
        Application.objects.filter(call=call)
        .exclude(pk__in=[a for ids in seats.values() for a in ids])
        .first()
    )
    response, seats, reserves = confirm(client, call, query=f"?exclude={left_out.pk}")
    html = response.content.decode()
    assert "The selection is confirmed" in html
    selection = Selection.objects.get()
    assert (selection.call, selection.confirmed_by, selection.rationale) == (
        call,
        anne,
        "Bedste match med balance.",
    )
    seated = [a for ids in seats.values() for a in ids]
    assert Notification.objects.filter(kind="invitation").count() == len(seated) == 2
    assert set(Invitation.objects.values_list("application_id", flat=True)) == set(seated)
    reserve_ids = {a for ids in reserves.values() for a in ids}
    assert reserve_ids and left_out.pk not in reserve_ids
    assert (
        set(Placement.objects.filter(kind="reserve").values_list("application_id", flat=True)) == reserve_ids
    )
    thanked = Notification.objects.filter(kind="application_thanks")
    assert list(thanked.values_list("recipient", flat=True)) == [left_out.applicant_id]
    call.refresh_from_db()
    assert call.state == Call.State.SELECTED
    # Afterwards the page shows the confirmed selection, read-only.
    assert "The confirmed selection" in html and "Bedste match med balance." in html
    assert "Waiting for an answer" in html and "Reserve 1" in html
    assert 'name="rationale"' not in html and 'name="pin"' not in html


def test_a_second_confirmation_by_another_politician_is_refused_and_creates_nothing(client, call):
    anne, bo = politicians(call)
    client.force_login(anne)
    confirm(client, call)
    counts = (Selection.objects.count(), Placement.objects.count(), Invitation.objects.count())
    notifications = Notification.objects.count()
    client.force_login(bo)
    seats = {p.pk: [] for p in call.mandate.profiles.all()}
    data = {"seat": [f"{p}:{a}" for p, ids in seats.items() for a in ids], "rationale": "Også mig."}
    response = client.post(page_url(call), data, follow=True)
    assert response.status_code == 200
    assert "The selection for this call has already been confirmed." in response.content.decode()
    assert (Selection.objects.count(), Placement.objects.count(), Invitation.objects.count()) == counts
    assert Notification.objects.count() == notifications
    assert Selection.objects.get().confirmed_by == anne


def test_confirming_without_a_rationale_is_refused_with_a_message(client, call):
    client.force_login(politicians(call)[0])
    response, _seats, _reserves = confirm(client, call, rationale="   ")
    html = response.content.decode()
    assert "Say briefly why this selection" in html
    assert 'name="rationale"' in html  # still the proposal, ready to confirm
    assert not Selection.objects.exists() and not Invitation.objects.exists()


def test_an_unreadable_selection_is_refused_with_a_message(client, call):
    client.force_login(politicians(call)[0])
    response = client.post(page_url(call), {"seat": "nonsense", "rationale": "Fordi."}, follow=True)
    assert "The selection could not be read." in response.content.decode()
    assert not Selection.objects.exists()


def test_a_name_posted_twice_in_a_reserve_list_is_placed_once_not_an_error(client, call):
    client.force_login(politicians(call)[0])
    seats, reserves, _html = shown(client, call)
    profile, ids = next(iter(reserves.items()))
    data = {
        "seat": [f"{p}:{a}" for p, pks in seats.items() for a in pks],
        "reserve": [f"{profile}:{ids[0]}", f"{profile}:{ids[0]}"],
        "rationale": "Dobbeltklik i formularen.",
    }
    assert client.post(page_url(call), data).status_code == 302
    assert Placement.objects.filter(kind="reserve").count() == 1


def test_an_open_call_shows_the_proposal_but_cannot_be_confirmed_yet(client):
    call = call_with_committee(profiles=1, seats=1)
    rated(call, gender="woman", score=4)
    client.force_login(politicians(call)[0])
    seats, _reserves, html = shown(client, call)
    assert "The selection can be confirmed once the call has closed." in html and not seats
    response = client.post(page_url(call), {"rationale": "For tidligt."}, follow=True)
    assert "The call is still open" in response.content.decode()
    assert not Selection.objects.exists()


def test_facilitators_read_the_proposal_but_neither_adjust_nor_confirm_it(client, call):
    client.force_login(politicians(call)[0])
    seats, _reserves, _html = shown(client, call)
    seated = next(iter(seats.values()))[0]
    client.force_login(facilitator(call))
    html = client.get(page_url(call, f"?exclude={seated}")).content.decode()
    assert f">{Application.objects.get(pk=seated).reference}</a>" in html  # exclusions are for deciders
    assert 'name="rationale"' not in html and 'name="exclude"' not in html
    assert client.post(page_url(call), {"rationale": "Nej."}).status_code == 403
    assert not Selection.objects.exists()


def test_the_dashboard_charts_the_last_proposal_against_the_balance_rules(client, call):
    client.force_login(politicians(call)[0])
    dashboard = reverse("recruitment:dashboard", args=[call.pk])
    assert "Proposed selection by gender" not in client.get(dashboard).content.decode()
    client.get(page_url(call))
    html = client.get(dashboard).content.decode()
    assert "The proposal against the balance rules" in html
    assert 'aria-label="Proposed selection by gender: Woman 50 % (1), Man 50 % (1).' in html
    assert "minimum 40 %" in html and "Proposed selection by organisation" in html
    assert html.count('role="img"') == 5  # nobody in the proposal gave an organisation or a district
    assert html.count("Nothing to show here.") == 2


def test_the_matching_page_costs_the_same_queries_for_60_applicants_as_for_10(client):
    call = close(call_with_committee(profiles=3, seats=2))
    bulk_applications(call, 10)
    client.force_login(politicians(call)[0])
    small = queries_for_page(client, page_url(call), savepoints=False)
    bulk_applications(call, 50, start=10)
    assert queries_for_page(client, page_url(call), savepoints=False) == small <= 12, small


def reserve_rows(html: str, profile_id: int) -> int:
    """Reserves shown for the profile: each row has a leave-out box for it, the one seat's row too."""
    return len(re.findall(rf'id="exclude-\d+-{profile_id}"', html)) - 1


def test_a_long_reserve_list_shows_its_first_reserves_and_all_on_asking_while_every_one_is_confirmed(client):
    call = drawn(close(call_with_committee(profiles=1, seats=1, politicians=1)))
    bulk_applications(call, 40)
    client.force_login(politicians(call)[0])
    profile = call.mandate.profiles.get()
    _seats, reserves, html = shown(client, call)
    assert len(reserves[profile.pk]) == 39  # the confirmation places every reserve, in order
    assert reserve_rows(html, profile.pk) == 25
    link = re.search(r'<a href="([^"]+)"[^>]*>Show all 39 reserves for', html)
    assert link, "a link to the whole list"
    _seats, all_reserves, everything = shown(client, call, "?" + link.group(1).split("?", 1)[1].split("#")[0])
    assert all_reserves == reserves and reserve_rows(everything, profile.pk) == 39
    assert 'name="reserves" value="all"' in everything  # running the engine again keeps the whole list
