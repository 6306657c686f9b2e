"""The application form keeps the call's public rows (its mandate, profiles and meetings) and the privacy
notices like the public pages: read once, and read again at once when public data changes; the clock
alone still picks the notice in force."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import PrivacyNotice
from recruitment.calls import call_close
from recruitment.models import Application
from tests.factories import UserFactory
from tests.recruitment.citizen_factories import answers
from tests.recruitment.factories import call_with_committee

pytestmark = pytest.mark.django_db
# The call, its profiles and meetings, and the privacy notices.
PUBLIC_TABLES = (
    "recruitment_call",
    "mandates_competenceprofile",
    "committees_meeting",
    "pages_privacynotice",
)


@pytest.fixture(autouse=True)
def _kept(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60


@pytest.fixture
def call():
    return call_with_committee(profiles=3, meetings=3)


def form_of(call, user=None):
    client = Client()
    client.force_login(user or UserFactory())
    return client, client.get(reverse("recruitment:apply", args=[call.pk]))


def signed_in() -> Client:
    client = Client()
    client.force_login(UserFactory())
    return client


def test_the_next_applicant_gets_the_form_without_reading_the_calls_rows(call):
    first, second = signed_in(), signed_in()  # signing in writes the person, whose name pages may show
    first.get(reverse("recruitment:apply", args=[call.pk]))
    with CaptureQueriesContext(connection) as queries:
        response = second.get(reverse("recruitment:apply", args=[call.pk]))
    assert response.status_code == 200 and 'name="choice_1"' in response.content.decode()
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert not any(f'"{table}"' in read for table in PUBLIC_TABLES)


def test_a_profile_renamed_shows_on_the_next_form_at_once(call):
    form_of(call)
    profile = call.mandate.profiles.first()
    profile.title = "Unge under 18 med erfaring fra elevråd"
    profile.save()
    assert profile.title in form_of(call)[1].content.decode()


def test_a_call_closed_shows_the_closed_page_at_once_and_takes_no_application(call):
    citizen = UserFactory()
    client, response = form_of(call, citizen)
    assert 'name="choice_1"' in response.content.decode()
    call_close(call=call)
    assert "form" not in client.get(reverse("recruitment:apply", args=[call.pk])).context
    client.post(reverse("recruitment:apply", args=[call.pk]), answers(call))
    assert not Application.objects.exists()


def test_a_notice_published_for_later_is_in_force_when_its_time_comes_without_any_write(call):
    now = PrivacyNotice.objects.current().version
    later = PrivacyNotice.objects.create(
        version="2027", body_da="Ny tekst.", published_at=timezone.now() + timedelta(seconds=20)
    )
    client, response = form_of(call)
    assert f'name="notice_version" value="{now}"' in response.content.decode()
    with time_machine.travel(later.published_at + timedelta(seconds=5)):  # the copies live 60 s
        response = client.get(reverse("recruitment:apply", args=[call.pk]))
        assert 'name="notice_version" value="2027"' in response.content.decode()
        client.post(reverse("recruitment:apply", args=[call.pk]), answers(call, notice_version="2027"))
    assert Application.objects.get().privacy_notice == later


def test_a_call_not_public_is_not_found_and_stays_so_until_it_is(call):
    from recruitment.models import Call

    Call.objects.filter(pk=call.pk).update(state=Call.State.PLANNED)
    assert form_of(call)[1].status_code == 404
    call.state = Call.State.OPEN
    call.save()
    assert form_of(call)[1].status_code == 200


def test_a_clock_behind_the_one_that_kept_the_notices_still_finds_the_one_in_force(call):
    """Another process kept the notices a moment after a new one came into force; this one's clock is a
    little behind: it reads the notice in force afresh rather than saying applications are paused."""
    before = PrivacyNotice.objects.current()
    newer = PrivacyNotice.objects.create(
        version="2027", body_da="Ny tekst.", published_at=timezone.now() + timedelta(seconds=5)
    )
    with time_machine.travel(newer.published_at + timedelta(seconds=1)):
        assert PrivacyNotice.objects.current_kept() == newer
    assert PrivacyNotice.objects.current_kept() == before


def test_an_address_of_no_call_is_not_found_and_nothing_is_kept_for_it(call):
    from django.core.cache import cache

    assert form_of(call)[0].get(reverse("recruitment:apply", args=[call.pk + 1000])).status_code == 404
    assert not [key for key in cache._cache if f"application-call:{call.pk + 1000}" in key]
