"""The dashboard keeps its rendered rows between requests: each politician still sees their own scores,
each request carries its own CSRF token, and a rating shows at once."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from recruitment.review.ratings import rating_set
from tests.recruitment.factories import call_with_committee
from tests.recruitment.review_factories import bulk_applications, politicians
from tests.recruitment.review_pages import dashboard_html as dashboard

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def call():
    call = call_with_committee(profiles=2, seats=1, meetings=2, politicians=2)
    bulk_applications(call, 12)
    return call


def own_cell(html: str, profile_id: int, reference: str) -> str:
    return html.split(f'id="own-{profile_id}-{reference}"', 1)[1].split("</td>", 1)[0]


def test_kept_rows_are_the_same_page(client, call):
    client.force_login(politicians(call)[0])
    first, again = dashboard(client, call), dashboard(client, call)
    assert TOKEN.sub("", again) == TOKEN.sub("", first)


def test_each_politician_sees_their_own_score_in_a_kept_row(call):
    first, second = (Client() for _ in range(2))
    for client, politician in ((first, politicians(call)[0]), (second, politicians(call)[1])):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(politician)
        dashboard(client, call)
    application = call.applications.order_by("pk")[1]  # odd: not rated by the bulk factory
    choice = application.choices.order_by("rank").first()

    first_politician = politicians(call)[0]
    rating_set(application=application, profile_id=choice.profile_id, politician=first_politician, score=4)

    mine = own_cell(dashboard(first, call), choice.profile_id, application.reference)
    theirs = own_cell(dashboard(second, call), choice.profile_id, application.reference)
    assert 'data-own-score="4"' in mine and 'aria-pressed="true"' in mine
    assert 'data-own-score=""' in theirs and 'aria-pressed="true"' not in theirs


def row_tokens(html: str) -> set[str]:
    return {TOKEN.search(form).group(1) for form in html.split('class="row-rating">')[1:]}


def test_every_rating_form_carries_the_token_of_the_request(client, call):
    client.force_login(politicians(call)[0])
    first = row_tokens(dashboard(client, call))
    again = row_tokens(dashboard(client, call))  # from the kept rows
    assert len(first) == 1 and len(again) == 1 and first != again  # never a token kept from before
    application = call.applications.order_by("pk")[1]
    choice = application.choices.order_by("rank").first()
    url = reverse("recruitment:rate", args=[call.pk, application.reference])
    client.handler.enforce_csrf_checks = True
    form = {"csrfmiddlewaretoken": again.pop(), "profile": choice.profile_id, "score": 3}
    assert client.post(url, form).status_code in (200, 302)
