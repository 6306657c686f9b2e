"""What the citizen's and the committee's pages cost in queries: the same however much data there is, and
within the targets (12 for a page, 20 for sending an application)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.committees.factories import CompetenceProfileFactory, MeetingFactory
from tests.recruitment.citizen_factories import answers
from tests.recruitment.factories import call_with_committee
from tests.recruitment.review_factories import bulk_applications, politicians
from tests.support.queries import queries_for_page, statements

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_the_application_form_costs_the_same_queries_however_many_profiles_and_meetings(client, citizen):
    call = call_with_committee(profiles=2, meetings=2)
    client.force_login(citizen)
    url = reverse("recruitment:apply", args=[call.pk])
    few = queries_for_page(client, url, savepoints=False)
    for n in range(8):
        CompetenceProfileFactory(mandate=call.mandate, order=10 + n)
        MeetingFactory(committee=call.mandate.committee, number=10 + n)
    bulk_applications(call, 40)
    assert queries_for_page(client, url, savepoints=False) == few <= 12, few


def test_sending_an_application_costs_at_most_twenty_statements_savepoints_included(client, citizen):
    call = call_with_committee(profiles=3, meetings=3)
    client.force_login(citizen)
    url = reverse("recruitment:apply", args=[call.pk])
    client.get(url)
    form = answers(call)
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, form)
    assert response.status_code == 302
    sent = statements(captured)
    # Inside the test's own transaction the service's transaction is one more savepoint: its SAVEPOINT and
    # RELEASE are BEGIN and COMMIT in production, which the benchmark does not count either.
    assert len(sent) - 2 <= 20, "\n".join(q["sql"][:120] for q in sent)
    application = call.applications.get(applicant=citizen)
    assert [c.profile_id for c in application.choices.order_by("rank")] == [
        form["choice_1"],
        form["choice_2"],
    ]
    assert sorted(application.available_meetings.values_list("pk", flat=True)) == form["available_meetings"]


def test_an_application_read_by_the_committee_costs_the_same_queries_in_a_larger_pool(client):
    call = call_with_committee(profiles=3, seats=1, meetings=3, politicians=2)
    bulk_applications(call, 10)
    client.force_login(politicians(call)[0])
    application = call.applications.order_by("pk").first()
    url = reverse("recruitment:review_application", args=[call.pk, application.reference])
    few = queries_for_page(client, url, savepoints=False)
    bulk_applications(call, 190, start=10)
    assert queries_for_page(client, url, savepoints=False) == few <= 12, few


def test_the_dashboard_of_200_applicants_costs_at_most_twelve_queries(client):
    call = call_with_committee(profiles=3, seats=1, meetings=3, politicians=2)
    bulk_applications(call, 200)
    client.force_login(politicians(call)[0])
    url = reverse("recruitment:dashboard", args=[call.pk])
    assert queries_for_page(client, url, savepoints=False) <= 12
