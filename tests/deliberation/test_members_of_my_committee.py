"""Members see who else is on their committee, and citizens choose whether the public page names them."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from audit.services import entries_for
from committees.models import Membership
from tests.committees.factories import MembershipFactory
from tests.deliberation.meeting_factories import committee_at_work
from tests.factories import UserFactory
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def cast():
    cast = committee_at_work(meetings=1)
    Membership.objects.filter(user=cast.citizen).update(show_name_publicly=False)
    return cast


def naming_url(cast) -> str:
    return reverse("deliberation:member_naming", args=[cast.committee.mandate.slug])


def _members_section(page: str) -> str:
    return page.split('class="committee-members"')[1].split("</section>")[0]


def test_members_see_everyone_on_their_committee_even_citizens_not_named_publicly(client, cast):
    MembershipFactory(
        committee=cast.committee,
        citizen=True,
        user=UserFactory(full_name="Ole Tidligere"),
        left_on="2026-12-01",
        joined_on="2026-11-01",
    )
    client.force_login(cast.politician)
    members = _members_section(client.get(reverse("deliberation:my_committees")).content.decode())

    for person in cast.members:
        assert person.full_name in members
    assert "Ole Tidligere" not in members  # has left
    assert "Facilitator" in members and "Citizen" in members
    assert "@" not in members  # names and roles, not email addresses


def test_a_citizen_chooses_to_be_named_on_the_public_page_and_the_choice_is_audited(client, cast):
    public_url = reverse("portal:committee", args=[cast.committee.mandate.slug])
    assert cast.citizen.full_name not in client.get(public_url).content.decode()

    client.force_login(cast.citizen)
    page = client.get(reverse("deliberation:my_committees")).content.decode()
    assert "Your name on the committee's public page" in page
    answer = client.post(naming_url(cast), {"show_name": "yes"})
    assert answer.status_code == 302

    membership = Membership.objects.get(user=cast.citizen)
    assert membership.show_name_publicly
    [entry] = entries_for(membership)
    assert (entry.action, entry.actor, entry.data) == (
        "membership.naming_chosen",
        cast.citizen,
        {"shown": True},
    )
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert cast.citizen.full_name in client.get(public_url).content.decode()

    client.force_login(cast.citizen)
    client.post(naming_url(cast), {"show_name": "no"})
    membership.refresh_from_db()
    assert not membership.show_name_publicly
    assert entries_for(membership).count() == 2


def test_choosing_the_same_again_changes_and_records_nothing(client, cast):
    client.force_login(cast.citizen)
    client.post(naming_url(cast), {"show_name": "no"})
    assert not entries_for(Membership.objects.get(user=cast.citizen)).exists()


def test_only_the_committees_citizens_choose_politicians_and_facilitators_are_always_named(client, cast):
    client.force_login(cast.politician)
    assert (
        "Your name on the committee's public page"
        not in client.get(reverse("deliberation:my_committees")).content.decode()
    )
    assert client.post(naming_url(cast), {"show_name": "no"}).status_code == 404
    client.force_login(UserFactory())
    assert client.post(naming_url(cast), {"show_name": "yes"}).status_code == 404


def test_an_unreadable_choice_changes_nothing(client, cast):
    client.force_login(cast.citizen)
    answer = client.post(naming_url(cast), {"show_name": "maybe"}, follow=True)
    assert "Choose whether your name is shown." in answer.content.decode()
    assert not Membership.objects.get(user=cast.citizen).show_name_publicly


def test_the_members_list_costs_the_same_queries_however_many_members(client, cast):
    client.force_login(cast.citizen)
    url = reverse("deliberation:my_committees")
    few = queries_for_page(client, url)
    for _ in range(12):
        MembershipFactory(committee=cast.committee, citizen=True, user=UserFactory())
    assert queries_for_page(client, url) == few
