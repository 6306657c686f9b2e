"""The dashboard keeps each call's worked-out pool between requests, and shows every change to an
application or a rating of the call at once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recruitment.applications import application_withdraw
from recruitment.review.pool_version import review_pool_changed
from recruitment.review.ratings import rating_set
from tests.recruitment.factories import call_with_committee
from tests.recruitment.review_factories import bulk_applications, politicians
from tests.recruitment.review_pages import dashboard_html as dashboard
from tests.support.queries import queries_for_page, statements

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def call():
    call = call_with_committee(profiles=3, seats=1, meetings=3, politicians=2)
    bulk_applications(call, 30)
    return call


def test_a_kept_pool_costs_fewer_queries_than_working_it_out(client, call):
    client.force_login(politicians(call)[0])
    url = reverse("recruitment:dashboard", args=[call.pk])
    kept = queries_for_page(client, url, savepoints=False)
    review_pool_changed(call.pk)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    worked_out = len(statements(captured, savepoints=False))
    assert kept <= worked_out - 3, (kept, worked_out)


def test_a_withdrawn_application_leaves_the_dashboard_at_once(client, call):
    client.force_login(politicians(call)[0])
    application = call.applications.order_by("pk").first()
    assert application.reference in dashboard(client, call)

    application_withdraw(application=application, by=application.applicant)

    assert application.reference not in dashboard(client, call)


def test_another_politicians_rating_changes_the_mean_at_once(client, call):
    first, second = politicians(call)
    client.force_login(first)
    application = call.applications.order_by("pk")[1]  # odd: not rated by the bulk factory
    choice = application.choices.order_by("rank").first()
    row = f'id="mean-{choice.profile_id}-{application.reference}">'
    html = dashboard(client, call)
    assert "Not rated" in html.split(row, 1)[1].split("</td>", 1)[0]

    rating_set(application=application, profile_id=choice.profile_id, politician=second, score=4)

    cell = dashboard(client, call).split(row, 1)[1].split("</td>", 1)[0]
    assert "4.0 (1 rating)" in cell
