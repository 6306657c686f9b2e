"""Recording a review step in the admin offers the deliverable's own route only, each stop named by its
step and body, never the route entries of every mandate."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.committees.factories import PoliticalBodyFactory, ReceivingBodyFactory
from tests.deliberation.deliverable_factories import committee_at_work, submitted

pytestmark = pytest.mark.django_db

ADD = reverse("admin:deliberation_reviewstep_add")


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def route_select(page: str) -> str:
    return re.search(r'<select name="route_entry".*?</select>', page, re.S).group(0)


def options(select: str) -> list[str]:
    return [
        text.strip() for text in re.findall(r"<option[^>]*>([^<]*)</option>", select) if "---" not in text
    ]


@pytest.fixture
def two_committees():
    ours = committee_at_work(title="Trafik omkring skolerne")
    theirs = committee_at_work(title="Ældre og fællesskab")
    ReceivingBodyFactory(
        mandate=theirs.committee.mandate, order=3, body=PoliticalBodyFactory(name="Økonomiudvalget")
    )
    return ours, theirs


def test_with_one_deliverable_under_review_only_its_route_is_offered_by_step_and_body(
    client, staff, two_committees
):
    ours, _theirs = two_committees
    submitted(ours)
    client.force_login(staff)

    offered = options(route_select(client.get(ADD).content.decode()))

    assert offered == [
        f"Step 1 of 2: {ours.standing.body.name}",
        "Step 2 of 2: Kommunalbestyrelsen",
    ]


def test_with_several_the_route_of_the_chosen_deliverable_is_offered(client, staff, two_committees):
    ours, theirs = two_committees
    submitted(ours)
    deliverable = submitted(theirs)
    client.force_login(staff)

    offered = options(route_select(client.get(f"{ADD}?deliverable={deliverable.pk}").content.decode()))
    assert offered == [
        f"Step 1 of 3: {theirs.standing.body.name}",
        "Step 2 of 3: Kommunalbestyrelsen",
        "Step 3 of 3: Økonomiudvalget",
    ]

    # Before one is chosen, each route is a group named by its committee (a script shows the chosen one).
    select = route_select(client.get(ADD).content.decode())
    assert '<optgroup label="Trafik omkring skolerne">' in select
    assert '<optgroup label="Ældre og fællesskab">' in select
    assert len(options(select)) == 5


def test_a_refused_step_keeps_offering_the_chosen_deliverables_route(client, staff, two_committees):
    ours, theirs = two_committees
    deliverable = submitted(ours)
    submitted(theirs)
    client.force_login(staff)

    page = client.post(ADD, {"deliverable": deliverable.pk, "route_entry": ours.standing.pk}).content.decode()

    assert "This field is required." in page  # the meeting date and the outcome are missing
    assert options(route_select(page)) == [
        f"Step 1 of 2: {ours.standing.body.name}",
        "Step 2 of 2: Kommunalbestyrelsen",
    ]


def test_the_deliverables_admin_page_links_to_recording_its_review_and_decision(
    client, staff, two_committees
):
    ours, _theirs = two_committees
    deliverable = submitted(ours)
    client.force_login(staff)

    page = client.get(
        reverse("admin:deliberation_deliverable_change", args=[deliverable.pk])
    ).content.decode()

    assert f'href="{ADD}?deliverable={deliverable.pk}"' in page
    assert f'href="{reverse("admin:deliberation_councildecision_add")}?deliverable={deliverable.pk}"' in page
