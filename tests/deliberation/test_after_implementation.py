"""After the decision: implementation actions, their updates, who is told, and the public progress page."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from committees.models import Membership
from deliberation.follow_up.implementation import action_add, progress_update
from deliberation.models import ImplementationAction, ProgressUpdate
from mandates.models import Mandate
from notifications.models import Notification
from tests.committees.factories import MembershipFactory, committee_with_everything
from tests.factories import UserFactory
from tests.support.queries import queries_for_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def committee():
    committee = committee_with_everything(members=2, state=Mandate.State.IMPLEMENTING, slug="ungepolitik")
    MembershipFactory(committee=committee)  # a politician
    MembershipFactory(committee=committee, facilitator=True)
    MembershipFactory(committee=committee, citizen=True, joined_on=date(2026, 1, 1), left_on=date(2026, 3, 1))
    # Left, then came back: two memberships, one person.
    returning = MembershipFactory(committee=committee, joined_on=date(2026, 1, 1), left_on=date(2026, 2, 1))
    MembershipFactory(committee=committee, user=returning.user, joined_on=date(2026, 2, 2))
    return committee


def _action(mandate, title="Åbne klubber om aftenen", due_on=date(2026, 12, 31)) -> ImplementationAction:
    return action_add(
        mandate=mandate, title=title, responsible_unit="Kultur og Fritid", due_on=due_on, by=None
    )


def test_a_progress_update_tells_every_current_and_former_member_once(committee):
    outsider = UserFactory()
    action = _action(committee.mandate)

    update = progress_update(action=action, on=date(2026, 4, 1), text="Lokaler fundet.", progress=30, by=None)

    told = Notification.objects.filter(kind="progress_updated")
    members = set(Membership.objects.filter(committee=committee).values_list("user", flat=True))
    assert len(members) == 6
    assert sorted(told.values_list("recipient", flat=True)) == sorted(members)
    assert outsider.pk not in members
    assert all(n.key.startswith(f"progress_updated:{update.pk}:") for n in told)
    assert told.first().context["progress_url"].endswith(reverse("portal:progress", args=["ungepolitik"]))


def test_each_update_is_news_of_its_own(committee):
    action = _action(committee.mandate)
    progress_update(action=action, on=date(2026, 4, 1), text="Lokaler fundet.", progress=30, by=None)
    progress_update(action=action, on=date(2026, 5, 1), text="Personale ansat.", progress=60, by=None)
    assert Notification.objects.filter(kind="progress_updated").count() == 2 * 6


def test_the_email_names_the_action_and_links_to_the_progress_page(committee, mailoutbox, settings):
    from notifications.emails import render_message

    action = _action(committee.mandate)
    progress_update(action=action, on=date(2026, 4, 1), text="Lokaler fundet.", progress=30, by=None)
    message = render_message(Notification.objects.filter(kind="progress_updated").first())
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "Åbne klubber om aftenen" in part and "Lokaler fundet." in part and "30 %" in part
        assert "/committees/ungepolitik/progress/" in part


def test_progress_moves_the_action_in_progress_and_done_at_100(committee):
    action = _action(committee.mandate)
    assert action.state == ImplementationAction.State.PLANNED

    progress_update(action=action, on=date(2026, 4, 1), text="Halvvejs.", progress=60, by=None)
    action.refresh_from_db()
    assert (action.state, action.progress) == (ImplementationAction.State.IN_PROGRESS, 60)

    progress_update(action=action, on=date(2026, 6, 1), text="Færdig.", progress=100, by=None)
    action.refresh_from_db()
    assert (action.state, action.progress) == (ImplementationAction.State.DONE, 100)


def test_an_update_entered_late_for_an_earlier_date_does_not_turn_progress_back(committee):
    action = _action(committee.mandate)
    progress_update(action=action, on=date(2026, 6, 1), text="Næsten.", progress=90, by=None)
    progress_update(action=action, on=date(2026, 3, 1), text="Glemt opdatering.", progress=20, by=None)
    action.refresh_from_db()
    assert action.progress == 90


def test_progress_above_100_is_refused(committee):
    action = _action(committee.mandate)
    with pytest.raises(ValidationError):
        progress_update(action=action, on=date(2026, 4, 1), text="For meget.", progress=101, by=None)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize("state", [Mandate.State.DRAFT, Mandate.State.ACTIVE, Mandate.State.IN_REVIEW])
def test_actions_wait_for_the_councils_endorsement(state):
    mandate = committee_with_everything(state=state).mandate
    with pytest.raises(ValidationError):
        _action(mandate)
    assert not ImplementationAction.objects.exists()


def test_the_progress_page_is_public_with_bars_units_dates_and_updates(client, committee):
    action = _action(committee.mandate)
    progress_update(
        action=action, on=date(2026, 4, 1), text="Lokaler fundet i Vangede.", progress=30, by=None
    )
    _action(committee.mandate, title="Et ungeråd", due_on=None)

    response = client.get(reverse("portal:progress", args=["ungepolitik"]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Åbne klubber om aftenen" in html and "Et ungeråd" in html and "Kultur og Fritid" in html
    assert '<progress max="100" value="30"' in html and '<progress max="100" value="0"' in html
    assert "Lokaler fundet i Vangede." in html and 'datetime="2026-04-01"' in html
    main = html[html.index("<main") :]
    assert " style=" not in main


def test_the_progress_page_of_a_draft_or_unknown_mandate_is_404(client):
    draft = committee_with_everything(state=Mandate.State.DRAFT, slug="kladde").mandate
    assert client.get(reverse("portal:progress", args=[draft.slug])).status_code == 404
    assert client.get(reverse("portal:progress", args=["findes-ikke"])).status_code == 404


def test_the_committee_page_shows_the_implementation_with_a_link_to_the_progress_page(client, committee):
    _action(committee.mandate)
    html = client.get(reverse("portal:committee", args=["ungepolitik"])).content.decode()
    assert 'id="implementation-heading"' in html and "Åbne klubber om aftenen" in html
    assert reverse("portal:progress", args=["ungepolitik"]) in html


def _grow(mandate, actions: int, updates: int) -> None:
    for n in range(actions):
        action = _action(mandate, title=f"Tiltag {n}")
        for u in range(updates):
            progress_update(
                action=action, on=date(2026, 1, 1 + u), text=f"Opdatering {u}", progress=10 * u, by=None
            )


def test_the_progress_page_needs_the_same_queries_however_many_actions_and_updates(client, committee):
    url = reverse("portal:progress", args=["ungepolitik"])
    _grow(committee.mandate, actions=1, updates=1)
    small = queries_for_page(client, url)
    _grow(committee.mandate, actions=9, updates=4)
    assert queries_for_page(client, url) == small
    assert small <= 4


def test_the_committee_page_needs_the_same_queries_however_many_actions(client, committee):
    url = reverse("portal:committee", args=["ungepolitik"])
    _grow(committee.mandate, actions=1, updates=1)
    small = queries_for_page(client, url)
    _grow(committee.mandate, actions=9, updates=4)
    assert queries_for_page(client, url) == small


def _inline(rows: list[dict], initial: int = 0) -> dict:
    data = {
        "updates-TOTAL_FORMS": str(len(rows)),
        "updates-INITIAL_FORMS": str(initial),
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"updates-{n}-{key}": value for key, value in row.items()})
    return data


def test_staff_add_an_action_and_its_updates_in_the_admin_and_members_are_told(client, staff, committee):
    client.force_login(staff)
    fields = {"title": "Et ungeråd", "responsible_unit": "Borgmesterens Afdeling", "due_on": "2026-06-30"}
    response = client.post(
        reverse("admin:deliberation_implementationaction_add"),
        {
            "mandate": str(committee.mandate.pk),
            **fields,
            **_inline([{"on": "2026-03-01", "progress": "40", "text": "Valget er planlagt."}]),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    action = ImplementationAction.objects.get()
    assert (action.state, action.progress) == (ImplementationAction.State.IN_PROGRESS, 40)
    assert Notification.objects.filter(kind="progress_updated").count() == 6

    first = action.updates.get()
    response = client.post(
        reverse("admin:deliberation_implementationaction_change", args=[action.pk]),
        {
            **fields,
            "state": "in_progress",
            **_inline(
                [
                    {"id": str(first.pk), "action": str(action.pk)},
                    {"on": "2026-06-15", "progress": "100", "text": "Valgt."},
                ],
                initial=1,
            ),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    action.refresh_from_db()
    assert (action.state, action.progress) == (ImplementationAction.State.DONE, 100)
    assert action.updates.count() == 2
    first.refresh_from_db()
    assert first.text == "Valget er planlagt."
    assert Notification.objects.filter(kind="progress_updated").count() == 12
