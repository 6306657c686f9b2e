"""The matching page keeps its worked-out proposal between requests, and shows every change to an
application or a rating of the call at once."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recruitment.applications import application_withdraw
from recruitment.models import Application
from recruitment.review.ratings import rating_set
from tests.recruitment.review_factories import facilitator, politicians
from tests.recruitment.test_review_matching import call, page_url, shown  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_a_kept_proposal_is_the_same_page_for_fewer_queries(client, call):  # noqa: F811
    client.force_login(politicians(call)[0])
    with CaptureQueriesContext(connection) as worked_out:
        first = client.get(page_url(call)).content.decode()
    with CaptureQueriesContext(connection) as kept:
        again = client.get(page_url(call)).content.decode()
    assert TOKEN.sub("", again) == TOKEN.sub("", first)
    assert len(kept) < len(worked_out), (len(kept), len(worked_out))


def test_a_withdrawn_seat_holder_leaves_the_proposal_at_once(client, call):  # noqa: F811
    client.force_login(politicians(call)[0])
    seats, _reserves, _html = shown(client, call)
    seated = Application.objects.get(pk=next(iter(seats.values()))[0])

    application_withdraw(application=seated, by=seated.applicant)

    seats, reserves, _html = shown(client, call)
    assert seated.pk not in {pk for ids in [*seats.values(), *reserves.values()] for pk in ids}


def test_a_new_rating_moves_a_reserve_into_the_seat_at_once(client, call):  # noqa: F811
    first, second = politicians(call)
    client.force_login(first)
    seats, reserves, _html = shown(client, call)
    profile_id, (held,) = next(iter(seats.items()))
    last = reserves[profile_id][-1]
    for politician in (first, second):
        for pk, score in ((held, 1), (last, 5)):
            application = Application.objects.get(pk=pk)
            rating_set(application=application, profile_id=profile_id, politician=politician, score=score)

    seats, _reserves, _html = shown(client, call)
    assert held not in seats[profile_id]


def test_a_facilitator_never_gets_the_deciders_kept_page(client, call):  # noqa: F811
    client.force_login(politicians(call)[0])
    assert 'name="pin"' in shown(client, call)[2]
    client.force_login(facilitator(call))
    html = shown(client, call)[2]
    assert 'name="pin"' not in html and 'name="exclude"' not in html
