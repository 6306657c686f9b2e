"""Following a committee: applicants and anyone who asks hear the City Council's decision."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from committees.models import Follower
from notifications.models import Notification
from tests.committees.factories import committee_with_everything

pytestmark = pytest.mark.django_db


def test_a_signed_in_visitor_follows_and_stops_following_from_the_committee_page(client, citizen):
    committee = committee_with_everything()
    url = reverse("committees:follow", args=[committee.mandate.slug])
    client.force_login(citizen)
    client.post(url)
    client.post(url)  # a double click follows once
    assert Follower.objects.filter(committee=committee, user=citizen).count() == 1
    page = client.get(reverse("portal:committee", args=[committee.mandate.slug])).content.decode()
    assert 'name="follow" value="no"' in page
    client.post(url, {"follow": "no"})
    assert not Follower.objects.filter(committee=committee, user=citizen).exists()


def test_an_anonymous_visitor_is_asked_to_sign_in_and_a_draft_cannot_be_followed(client, citizen):
    committee = committee_with_everything()
    response = client.post(reverse("committees:follow", args=[committee.mandate.slug]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    committee.mandate.state = "draft"
    committee.mandate.save()
    client.force_login(citizen)
    assert client.post(reverse("committees:follow", args=[committee.mandate.slug])).status_code == 404
    assert client.get(reverse("committees:follow", args=[committee.mandate.slug])).status_code == 405


def test_applying_makes_the_applicant_a_follower(citizen):
    from recruitment.applications import ApplicationData, application_submit
    from tests.recruitment.factories import call_with_committee

    call = call_with_committee()
    profile = call.mandate.profiles.first()
    application_submit(
        call=call,
        applicant=citizen,
        data=ApplicationData(profile_ids=[profile.pk], motivation="Med.", tie="lives", postal_code="2820"),
    )
    assert Follower.objects.filter(committee=call.mandate.committee, user=citizen).exists()


def test_the_council_decision_reaches_members_and_followers_once_each(citizen, staff):
    from committees.following import committee_follow
    from deliberation.deliverables.review import council_decision_record
    from deliberation.models import CouncilDecision
    from tests.deliberation.deliverable_factories import committee_at_work, submitted

    cast = committee_at_work()
    deliverable = submitted(cast)
    committee_follow(committee=cast.mandate.committee, user=citizen)
    committee_follow(committee=cast.mandate.committee, user=cast.members[0])  # a member who also follows
    council_decision_record(
        deliverable=deliverable,
        outcome=CouncilDecision.Outcome.ENDORSED,
        votes_for=20,
        votes_against=5,
        votes_abstaining=2,
        decided_on=date(2026, 11, 25),
        agenda_item="12",
        remarks="",
        by=staff,
    )
    told = list(Notification.objects.filter(kind="council_decided").values_list("recipient", flat=True))
    assert sorted(told) == sorted({*[m.pk for m in cast.members], citizen.pk})
