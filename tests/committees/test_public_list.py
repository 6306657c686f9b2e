"""The public list of committees: filters, pagination, and a query count that does not grow."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from mandates.models import Mandate, PoliticalBody
from tests.committees.factories import (
    MandateFactory,
    PoliticalBodyFactory,
    ReceivingBodyFactory,
    TaskCommitteeFactory,
    committee_with_everything,
)
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db

LIST = "/committees/"


def titles(client, query: str = "") -> list[str]:
    response = client.get(LIST + query)
    assert response.status_code == 200
    return re.findall(
        r'<h3 class="h5 card-title"[^>]*><a href="[^"]+">([^<]+)</a></h3>', response.content.decode()
    )


def test_the_list_lives_at_committees():
    assert reverse("committees:list") == LIST


def test_the_list_shows_public_committees_but_no_draft(client):
    TaskCommitteeFactory(mandate__title="Ny ungepolitik")
    TaskCommitteeFactory(mandate__title="Hemmeligt udkast", mandate__state=Mandate.State.DRAFT)
    assert titles(client) == ["Ny ungepolitik"]


def test_a_card_shows_the_state_profiles_seats_meetings_and_route(client):
    committee_with_everything(title="Ny ungepolitik", profiles=3, meetings=4, members=1)
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})
    html = client.get(LIST).content.decode()
    assert "3 competence profiles" in html
    assert "3 seats for citizens" in html
    assert "4 meetings" in html
    assert "→ Kommunalbestyrelsen" in html
    assert "Adopted" in html


def test_the_list_filters_by_state(client):
    TaskCommitteeFactory(mandate__title="Aktivt udvalg", mandate__state=Mandate.State.ACTIVE)
    TaskCommitteeFactory(mandate__title="Lukket udvalg", mandate__state=Mandate.State.CLOSED)
    assert titles(client, "?state=active") == ["Aktivt udvalg"]
    assert titles(client, "?state=closed") == ["Lukket udvalg"]


def test_the_list_filters_by_the_year_the_committee_starts(client):
    TaskCommitteeFactory(
        mandate__title="Udvalg 2024", mandate__starts_on=date(2024, 3, 1), mandate__ends_on=date(2024, 12, 1)
    )
    TaskCommitteeFactory(
        mandate__title="Udvalg 2026", mandate__starts_on=date(2026, 3, 1), mandate__ends_on=date(2026, 12, 1)
    )
    assert titles(client, "?year=2024") == ["Udvalg 2024"]
    html = client.get(LIST).content.decode()
    assert '<option value="2026">2026</option>' in html and '<option value="2024">2024</option>' in html


def test_the_list_filters_by_receiving_body(client):
    school = PoliticalBodyFactory(name="Børne- og Skoleudvalget")
    culture = PoliticalBodyFactory(name="Kultur- og Fritidsudvalget")
    ReceivingBodyFactory(mandate=TaskCommitteeFactory(mandate__title="Skoleudvalg").mandate, body=school)
    ReceivingBodyFactory(mandate=TaskCommitteeFactory(mandate__title="Kulturudvalg").mandate, body=culture)
    assert titles(client, f"?body={school.pk}") == ["Skoleudvalg"]


def test_the_body_filter_offers_standing_committees_and_the_council_only(client):
    PoliticalBodyFactory(name="Kommunalbestyrelsen", kind=PoliticalBody.Kind.CITY_COUNCIL)
    PoliticalBodyFactory(name="Børne- og Skoleudvalget")
    PoliticalBodyFactory(name="Ældrerådet", kind=PoliticalBody.Kind.OTHER)
    html = client.get(LIST).content.decode()
    body_select = re.search(r'<select name="body".*?</select>', html, re.S).group(0)
    assert "Kommunalbestyrelsen" in body_select and "Børne- og Skoleudvalget" in body_select
    assert "Ældrerådet" not in body_select


def test_the_state_filter_cannot_be_used_to_list_drafts(client):
    TaskCommitteeFactory(mandate__title="Hemmeligt udkast", mandate__state=Mandate.State.DRAFT)
    assert titles(client, "?state=draft") == []
    assert '<option value="draft"' not in client.get(LIST).content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?state=nonsense",
        "?year=abc",
        "?year=1999",
        "?body=abc",
        "?body=999999",
        "?state=active&year=%00&body=-1",
    ],
)
def test_junk_filter_input_shows_the_list_with_a_message_instead_of_an_error(client, query):
    TaskCommitteeFactory(mandate__title="Ny ungepolitik", mandate__state=Mandate.State.ACTIVE)
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})
    response = client.get(LIST + query)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Some of your filter choices could not be used" in html
    assert "Ny ungepolitik" in html


@pytest.mark.parametrize("junk", ["abc", "0", "-1", "1.5", "%00", "9999999999999999999999"])
def test_junk_page_numbers_show_a_page_instead_of_an_error(client, junk):
    TaskCommitteeFactory(mandate__title="Ny ungepolitik")
    response = client.get(f"{LIST}?page={junk}")
    assert response.status_code == 200
    assert "Ny ungepolitik" in response.content.decode()


def test_the_list_shows_twenty_committees_a_page_with_an_accessible_page_navigation(client):
    for n in range(25):
        TaskCommitteeFactory(mandate__title=f"Udvalg {n:02}")
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})
    first, second = titles(client), titles(client, "?page=2")
    assert len(first) == 20 and len(second) == 5
    assert not set(first) & set(second)
    html = client.get(f"{LIST}?page=2&state=adopted").content.decode()
    navigation = re.search(r'<nav aria-label="Pages of the committee list">.*?</nav>', html, re.S).group(0)
    # The links keep the filters.
    assert 'href="?page=2&amp;state=adopted" aria-current="page"' in navigation
    assert 'href="?page=1&amp;state=adopted" rel="prev"' in navigation
    assert navigation.count('aria-current="page"') == 1


def test_the_filter_form_is_labelled_and_works_without_javascript(client):
    html = client.get(LIST).content.decode()
    form = re.search(r'<form method="get" action="/committees/".*?</form>', html, re.S).group(0)
    for name in ["state", "year", "body"]:
        assert f'<label class="form-label" for="id_{name}">' in form
        assert f'id="id_{name}"' in form
    assert '<button type="submit"' in form


def list_queries(client) -> int:
    return queries_for_page(client, LIST)


def test_the_list_needs_the_same_queries_for_fifty_committees_as_for_five(client):
    for n in range(5):
        committee_with_everything(title=f"Udvalg {n:02}")
    client.get(LIST)  # warm up the caches that the first request of a client fills
    five = list_queries(client)

    for n in range(5, 50):
        committee_with_everything(title=f"Udvalg {n:02}")
    fifty = list_queries(client)

    assert fifty == five
    assert 0 < five <= 8


def test_a_mandate_without_committee_row_is_left_out_of_the_list(client):
    MandateFactory(title="Gammelt kommissorium")
    assert titles(client) == []
