"""How the API answers over HTTP: cursor pages, filters, conditional requests, CORS, the rate limit and
problems for every bad request, never a 500."""

from __future__ import annotations

from datetime import date

import pytest

from committees.models import Membership
from mandates.models import Mandate
from tests.committees.factories import (
    MandateFactory,
    MembershipFactory,
    PoliticalBodyFactory,
    ReceivingBodyFactory,
    TaskCommitteeFactory,
)

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def committee(title: str, **fields) -> Mandate:
    mandate = MandateFactory(title=title, **fields)
    TaskCommitteeFactory(mandate=mandate)
    return mandate


def titles(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def test_a_list_comes_in_cursor_pages_that_together_hold_every_record_once(client):
    for n in range(5):
        committee(f"Udvalg {n}")
    first = client.get("/api/v1/committees/", {"page_size": 2}).json()
    seen = [row["name"] for row in first["results"]]
    following = first["next"]
    while following:
        page = client.get(following).json()
        seen += [row["name"] for row in page["results"]]
        following = page["next"]
    assert sorted(seen) == [f"Udvalg {n}" for n in range(5)]


def test_drafts_are_not_listed_and_their_address_is_not_found(client):
    committee("Offentligt udvalg")
    draft = committee("Hemmeligt udvalg", state=Mandate.State.DRAFT)
    assert titles(client.get("/api/v1/committees/")) == ["Offentligt udvalg"]
    response = client.get(f"/api/v1/committees/{draft.committee.pk}/")
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM


def test_filters_by_state_year_body_and_updated_since(client):
    body = PoliticalBodyFactory(name="Børne- og Skoleudvalget")
    school = committee(
        "Skoleudvalg", state=Mandate.State.ACTIVE, starts_on=date(2025, 2, 1), ends_on=date(2025, 9, 1)
    )
    ReceivingBodyFactory(mandate=school, body=body)
    committee("Klimaudvalg", state=Mandate.State.RECRUITING, starts_on=date(2026, 3, 1))
    assert titles(client.get("/api/v1/committees/", {"state": "active"})) == ["Skoleudvalg"]
    assert titles(client.get("/api/v1/committees/", {"year": 2026})) == ["Klimaudvalg"]
    assert titles(client.get("/api/v1/committees/", {"body": body.pk})) == ["Skoleudvalg"]
    later = client.get("/api/v1/committees/", {"updated_since": "2999-01-01T00:00:00+01:00"})
    assert titles(later) == []


def test_only_members_who_agreed_are_named_and_the_others_counted(client):
    mandate = committee("Ungeudvalg")
    MembershipFactory(committee=mandate.committee, user__full_name="Anne Politiker")
    MembershipFactory(
        committee=mandate.committee, citizen=True, user__full_name="Vist Borger", show_name_publicly=True
    )
    MembershipFactory(committee=mandate.committee, citizen=True, user__full_name="Skjult Borger")
    MembershipFactory(
        committee=mandate.committee, citizen=True, user__full_name="Tidligere Borger",
        show_name_publicly=True, joined_on=date(2026, 1, 1), left_on=date(2026, 2, 1),
    )  # fmt: skip
    data = client.get(f"/api/v1/committees/{mandate.committee.pk}/").json()
    named = {m["person_name"]: m for m in data["memberships"]}
    assert set(named) == {"Anne Politiker", "Vist Borger", "Tidligere Borger"}
    assert named["Tidligere Borger"]["end_date"] == "2026-02-01"
    assert data["unnamed_citizens"] == 1
    assert "Skjult Borger" not in str(data)
    assert "@" not in str(data["memberships"])
    assert Membership.objects.count() == 4


@pytest.mark.parametrize(
    "query",
    [
        {"page_size": "abc"},
        {"page_size": "0"},
        {"page_size": "100000"},
        {"cursor": "not-a-cursor"},
        {"state": "draft"},
        {"state": "nonsense"},
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"body": "-1"},
        {"body": "99999999999999999999999"},
        {"updated_since": "yesterday"},
        {"updated_since": "2026-13-45T99:00"},
    ],
)
def test_a_parameter_the_api_cannot_use_is_a_problem_naming_it(client, query):
    committee("Udvalg")
    response = client.get("/api/v1/committees/", query)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == 400
    assert [p["name"] for p in problem["invalid_params"]] == list(query)


@pytest.mark.parametrize(
    "path", ["/api/v1/committees/abc/", "/api/v1/committees/99999999999999999999999/", "/api/v1/nothing/"]
)
def test_an_address_with_nothing_behind_it_is_a_not_found_problem(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["status"] == 404


def test_the_api_only_reads(client):
    response = client.post("/api/v1/committees/", {"name": "x"})
    assert response.status_code == 405
    assert response["Content-Type"] == PROBLEM


def test_an_unchanged_answer_is_not_sent_again(client):
    mandate = committee("Udvalg")
    first = client.get("/api/v1/committees/")
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/api/v1/committees/", headers={"If-None-Match": etag}).status_code == 304
    assert client.get("/api/v1/committees/", headers={"If-Modified-Since": modified}).status_code == 304
    mandate.committee.name = "Nyt navn"
    mandate.committee.save()
    changed = client.get("/api/v1/committees/", headers={"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    assert titles(changed) == ["Nyt navn"]


def test_any_web_page_may_read_the_api(client):
    response = client.get("/api/v1/committees/", headers={"Origin": "https://avis.example"})
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Origin" not in client.get("/", headers={"Origin": "https://avis.example"})


def test_too_many_requests_from_one_address_get_a_clear_429(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "api": "3/m/ip"}
    for _ in range(3):
        assert client.get("/api/v1/bodies/").status_code == 200
    refused = client.get("/api/v1/bodies/")
    assert refused.status_code == 429
    assert refused["Content-Type"] == PROBLEM
    wait = int(refused["Retry-After"])
    assert 1 <= wait <= 60  # the rest of the minute
    assert str(wait) in refused.json()["detail"]
    # Another address is not held back.
    assert client.get("/api/v1/bodies/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_problems_are_in_the_readers_language(client):
    response = client.get("/api/v1/committees/", {"year": "abc"}, headers={"Accept-Language": "en"})
    assert response.json()["title"] == "The request has a parameter the API cannot use."


def test_with_the_page_cache_on_a_repeated_read_costs_no_query_and_a_change_shows_at_once(
    client, settings, django_assert_num_queries
):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    mandate = committee("Udvalg")
    first = client.get("/api/v1/committees/")
    with django_assert_num_queries(0):
        again = client.get("/api/v1/committees/")
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert client.get("/api/v1/committees/", headers={"If-None-Match": first["ETag"]}).status_code == 304
    mandate.committee.name = "Nyt navn"
    mandate.committee.save()
    assert titles(client.get("/api/v1/committees/")) == ["Nyt navn"]


def test_the_root_lists_every_resource(client):
    root = client.get("/api/v1/").json()
    assert set(root) == {
        "bodies", "mandates", "committees", "meetings", "calls", "deliverables", "decisions", "actions",
        "consultations", "contributions", "evaluations",
    }  # fmt: skip
    assert root["committees"].endswith("/api/v1/committees/")
