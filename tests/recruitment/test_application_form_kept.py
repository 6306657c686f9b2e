"""The empty application form is rendered once and kept; what the call offers shows at once when it changes,
and what a person typed or chose is never kept for anyone else."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from committees.models import Meeting
from tests.committees.factories import CompetenceProfileFactory
from tests.factories import UserFactory
from tests.recruitment.factories import call_with_committee

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"')


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    cache.clear()


@pytest.fixture
def call():
    return call_with_committee(profiles=3, meetings=3)


def form_page(client, call) -> str:
    response = client.get(reverse("recruitment:apply", args=[call.pk]))
    assert response.status_code == 200
    return TOKEN.sub("", response.content.decode())


def test_the_kept_form_is_the_same_page_as_a_freshly_rendered_one(client, call, settings):
    client.force_login(UserFactory())
    first, kept = form_page(client, call), form_page(client, call)
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    assert first == kept == form_page(client, call)


def test_a_new_profile_or_a_cancelled_meeting_shows_on_the_form_at_once(client, call):
    client.force_login(UserFactory())
    form_page(client, call)
    CompetenceProfileFactory(mandate=call.mandate, title="Forælder til en elev i 10. klasse")
    meeting = call.mandate.committee.meetings.first()
    meeting.state = Meeting.State.CANCELLED
    meeting.save()

    html = form_page(client, call)

    assert "Forælder til en elev i 10. klasse" in html
    offered = re.findall(r'name="available_meetings" value="(\d+)"', html)
    assert len(offered) == 2 and str(meeting.pk) not in offered


def test_each_language_gets_its_own_form(client, call):
    client.force_login(UserFactory())
    danish = form_page(client, call)
    client.post(reverse("accounts:language_switch"), {"language": "en", "next": "/"})
    english = form_page(client, call)
    assert "Why do you want to take part?" in english and "Why do you want to take part?" not in danish


def test_what_one_person_typed_is_never_shown_to_the_next(client, call):
    client.post(reverse("recruitment:apply", args=[call.pk]), {"motivation": "Min hemmelige grund"})
    assert "Min hemmelige grund" in form_page(client, call)  # kept in their own session's draft
    other = client.__class__()
    assert "Min hemmelige grund" not in form_page(other, call)
