"""The public pages' cache (core/cache.py): anonymous visitors only, emptied by any public change."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from committees.services import mandate_move
from core.cache import HIT_HEADER, public_pages_changed
from deliberation.records.services import record_save, summary_publish
from mandates.models import Mandate, PoliticalBody
from recruitment.models import Call
from tests.committees.factories import PoliticalBodyFactory, TaskCommitteeFactory
from tests.deliberation.record_factories import cast
from tests.recruitment.factories import ApplicationFactory, call_with_committee

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def mandate() -> Mandate:
    body = PoliticalBodyFactory(name="Kommunalbestyrelsen", kind=PoliticalBody.Kind.CITY_COUNCIL)
    return TaskCommitteeFactory(
        mandate__title="Ny ungepolitik", mandate__state=Mandate.State.ACTIVE, mandate__adopted_by=body
    ).mandate


def detail(mandate: Mandate) -> str:
    return reverse("portal:committee", args=[mandate.slug])


def get(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_the_second_anonymous_visit_is_served_from_the_cache_with_the_same_page(client, mandate):
    first = get(client, detail(mandate))
    second = get(Client(), detail(mandate))
    assert (first[HIT_HEADER], second[HIT_HEADER]) == ("miss", "hit")
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())
    assert "Ny ungepolitik" in second.content.decode()
    assert "Cookie" in second["Vary"]


def test_every_visitor_gets_their_own_csrf_token_and_the_language_switch_works_from_a_cached_page(mandate):
    get(Client(), reverse("home"))
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [get(visitor, reverse("home")) for visitor in visitors]
    assert all(page[HIT_HEADER] == "hit" for page in pages)
    tokens = [TOKEN.search(page.content.decode()).group(1) for page in pages]
    assert tokens[0] != tokens[1] and "\x00" not in pages[0].content.decode()
    switched = visitors[1].post(
        reverse("accounts:language_switch"), {"language": "en", "next": "/", "csrfmiddlewaretoken": tokens[1]}
    )
    assert switched.status_code == 302
    assert 'lang="en"' in get(visitors[1], reverse("home")).content.decode()


def test_a_token_from_another_visitors_cookie_is_refused(mandate):
    get(Client(), reverse("home"))
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    token = TOKEN.search(get(first, reverse("home")).content.decode()).group(1)
    get(second, reverse("home"))
    refused = second.post(
        reverse("accounts:language_switch"), {"language": "en", "csrfmiddlewaretoken": token}
    )
    assert refused.status_code == 403


def test_renaming_the_adopting_body_in_the_admin_shows_on_the_committee_page_at_once(client, staff, mandate):
    assert "Kommunalbestyrelsen" in get(client, detail(mandate)).content.decode()
    assert get(client, detail(mandate))[HIT_HEADER] == "hit"
    admin = Client()
    admin.force_login(staff)
    body = mandate.adopted_by
    changed = admin.post(
        reverse("admin:mandates_politicalbody_change", args=[body.pk]),
        {"name": "Byrådet", "kind": body.kind, "active": "on"},
    )
    assert changed.status_code == 302, changed.content.decode()[:2000]
    page = get(client, detail(mandate))
    assert page[HIT_HEADER] == "miss"
    assert "Byrådet" in page.content.decode() and "Kommunalbestyrelsen" not in page.content.decode()


def test_a_service_moving_the_mandate_shows_on_the_committee_page_at_once(client, staff, mandate):
    assert "Delivered" not in get(client, detail(mandate)).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    before = get(client, detail(mandate)).content.decode()
    mandate_move(mandate=mandate, to=Mandate.State.DELIVERED, by=staff)
    after = get(client, detail(mandate)).content.decode()
    assert after != before
    assert str(Mandate.State.DELIVERED.label) in after


def test_changing_a_call_shows_on_its_page_and_the_home_page_at_once(client):
    call = call_with_committee(intro="Vi søger unge.")
    call_url = reverse("portal:call", args=[call.pk])
    assert "Vi søger unge." in get(client, call_url).content.decode()
    get(client, reverse("home"))
    call.intro = "Vi søger forældre."
    call.save(update_fields=["intro"])
    assert "Vi søger forældre." in get(client, call_url).content.decode()
    Call.objects.filter(pk=call.pk).update(state=Call.State.PLANNED)  # bypasses the signals …
    public_pages_changed()  # … so the writer says so itself
    assert client.get(call_url).status_code == 404
    assert call_url not in get(client, reverse("home")).content.decode()


def test_a_new_application_leaves_the_public_pages_in_the_cache(client, citizen):
    call = call_with_committee()
    get(client, reverse("portal:call", args=[call.pk]))
    ApplicationFactory(call=call, applicant=citizen)
    assert get(client, reverse("portal:call", args=[call.pk]))[HIT_HEADER] == "hit"


def test_signing_in_leaves_the_public_pages_in_the_cache_and_a_new_name_does_not(client, citizen, mandate):
    """A sign-in writes its time to the person, which no page shows; their name is on the committee page."""
    get(Client(), detail(mandate))
    client.force_login(citizen)
    assert get(Client(), detail(mandate))[HIT_HEADER] == "hit"
    citizen.full_name = "Ida Marie Jensen"
    citizen.save(update_fields=["full_name", "last_login"])
    assert get(Client(), detail(mandate))[HIT_HEADER] == "miss"


def test_signed_in_people_never_get_or_leave_a_cached_page(client, citizen, mandate):
    get(Client(), detail(mandate))
    client.force_login(citizen)
    page = get(client, detail(mandate))
    assert HIT_HEADER not in page
    assert "Ida Jensen" in page.content.decode() and "no-store" in page["Cache-Control"]
    assert "Ida Jensen" not in get(Client(), detail(mandate)).content.decode()


def test_a_visitor_with_a_pending_message_gets_a_fresh_page(client, mandate):
    get(Client(), detail(mandate))
    client.cookies["messages"] = "anything"
    assert HIT_HEADER not in get(client, detail(mandate))


def test_danish_and_english_pages_are_kept_apart(mandate):
    danish, english = Client(), Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for _ in range(2):
        assert 'lang="da"' in get(danish, detail(mandate)).content.decode()
        assert 'lang="en"' in get(english, detail(mandate)).content.decode()


def test_query_strings_are_cached_apart(client):
    TaskCommitteeFactory(mandate__title="Ny ungepolitik", mandate__state=Mandate.State.ACTIVE)
    TaskCommitteeFactory(mandate__title="Klimaplan", mandate__state=Mandate.State.DELIVERED)
    assert "Ny ungepolitik" in get(client, reverse("committees:list")).content.decode()
    found = get(client, reverse("committees:list") + "?state=delivered").content.decode()
    assert "Klimaplan" in found and "Ny ungepolitik" not in found


def test_cached_pages_carry_no_csp_nonce_that_could_go_stale(client, mandate):
    get(client, detail(mandate))
    page = get(client, detail(mandate))
    assert page[HIT_HEADER] == "hit"
    assert "nonce" not in page.get("Content-Security-Policy", "")
    assert "nonce" not in page.content.decode()


def test_with_the_cache_off_nothing_is_stored(client, settings, mandate):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    get(client, detail(mandate))
    assert HIT_HEADER not in get(client, detail(mandate))


def test_a_page_from_the_cache_carries_the_headers_and_cookie_of_a_fresh_one(mandate):
    fresh, hit = get(Client(), detail(mandate)), get(Client(), detail(mandate))
    assert (fresh[HIT_HEADER], hit[HIT_HEADER]) == ("miss", "hit")
    for header in (
        "Content-Type",
        "Content-Security-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Language",
        "Vary",
    ):
        assert hit.get(header) == fresh.get(header), header
    assert settings.CSRF_COOKIE_NAME in hit.cookies


def test_pages_not_marked_public_are_never_cached(client):
    get(client, reverse("privacy"))
    assert HIT_HEADER not in get(client, reverse("privacy"))


def test_publishing_a_meeting_summary_shows_on_the_committee_page_at_once(
    client, facilitator, politician, citizen, staff
):
    people = cast(facilitator=facilitator, politician=politician, citizen=citizen, staff=staff)
    summary = "Udvalget vil foreslå gratis busser."
    record_save(
        meeting=people.meeting,
        by=facilitator,
        present_ids=(),
        internal_notes="Fortroligt.",
        decisions="",
        ideas="",
        summary=summary,
    )
    url = detail(people.committee.mandate)
    get(client, url)
    assert get(client, url)[HIT_HEADER] == "hit" and summary not in get(client, url).content.decode()
    summary_publish(meeting=people.meeting, by=facilitator)
    assert summary in get(client, url).content.decode()
