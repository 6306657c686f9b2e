"""A committee seat is never weaker than the official role that protects it.

A politician's or facilitator's seat opens applicants' data; the official role (an auth group) is what asks
for password and second factor. The two are tied: the seat makes its holder an official, the admin gives it
only to an account with the role, every committee-role predicate fails closed without the role, and
removing the role ends the seats it carried.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.roles import is_official
from audit.models import Entry
from committees.models import Membership
from tests.committees.factories import MembershipFactory
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, call_with_committee

pytestmark = pytest.mark.django_db

SECOND_FACTOR = reverse("accounts:second_factor_required")


@pytest.fixture
def call():
    return call_with_committee(profiles=1, politicians=1)


def seat(call, user, role=Membership.Role.POLITICIAN, **fields) -> Membership:
    """A seat given without the role (the admin used to allow it; old data may hold one)."""
    return MembershipFactory(
        committee=call.mandate.committee, user=user, role=role, official_role=False, **fields
    )


def review_pages(call) -> list[str]:
    application = ApplicationFactory(call=call, profiles=list(call.mandate.profiles.all()))
    return [
        reverse("recruitment:dashboard", args=[call.pk]),
        reverse("recruitment:export", args=[call.pk]),
        reverse("recruitment:review_application", args=[call.pk, application.reference]),
        reverse("recruitment:matching", args=[call.pk]),
    ]


def test_a_citizen_account_given_a_politicians_seat_must_set_up_a_second_factor_before_any_review_page(
    client, call
):
    """The attack: a citizen, signed in with an emailed code only, exported every applicant."""
    citizen = UserFactory(email="borger@example.dk")
    citizen.set_unusable_password()
    citizen.save()
    seat(call, citizen)
    client.force_login(citizen)

    for url in review_pages(call):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SECOND_FACTOR), url


@pytest.mark.parametrize("role", [Membership.Role.POLITICIAN, Membership.Role.FACILITATOR])
def test_a_seat_without_its_official_role_opens_nothing_even_with_a_second_factor(client, call, role):
    holder = UserFactory(totp=True)
    seat(call, holder, role=role)
    client.force_login(holder)

    for url in review_pages(call):
        assert client.get(url).status_code == 404, url
    rating = reverse("recruitment:rate", args=[call.pk, call.applications.first().reference])
    assert client.post(rating, {"profile": call.mandate.profiles.first().pk, "score": "5"}).status_code == 404
    assert not call.applications.first().ratings.exists()


def test_a_politician_whose_role_was_taken_away_outside_the_admin_is_still_asked_for_the_second_factor(call):
    politician = UserFactory(roles=[roles.POLITICIAN])
    MembershipFactory(committee=call.mandate.committee, user=politician)
    assert is_official(politician)

    politician.groups.remove(Group.objects.get(name=roles.POLITICIAN))
    politician = type(politician).objects.get(pk=politician.pk)  # a new request's user object

    assert is_official(politician), "the seat is still active, so the second factor must stay"


def test_a_politician_whose_role_was_taken_away_outside_the_admin_sees_no_applicant(client, call):
    politician = Membership.objects.get(committee=call.mandate.committee, role="politician").user
    client.force_login(politician)
    pages = review_pages(call)
    assert client.get(pages[0]).status_code == 200

    politician.groups.remove(Group.objects.get(name=roles.POLITICIAN))

    for url in pages:
        assert client.get(url).status_code == 404, url


def test_a_person_without_any_seat_or_role_is_no_official(call):
    citizen = UserFactory()
    MembershipFactory(committee=call.mandate.committee, user=citizen, citizen=True)
    assert not is_official(citizen)


# --- The admin gives a seat only to an account with the role.


def mandate_page_data(client, mandate) -> dict:
    """The mandate's change form as the page fills it, ready to post back."""
    page = client.get(reverse("admin:mandates_mandate_change", args=[mandate.pk]))
    data = {}
    for key, value in page.context["adminform"].form.initial.items():
        if value is not None:
            data[key] = str(value.pk if hasattr(value, "pk") else value)
    for admin_formset in page.context["inline_admin_formsets"]:
        formset = admin_formset.formset
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for form in formset.forms:
            for name in form.fields:
                value = form[name].value()
                if hasattr(value, "pk"):
                    value = value.pk
                if name in ("starts_at", "ends_at") and value:
                    local = timezone.localtime(form.fields[name].to_python(value))
                    data[f"{form.prefix}-{name}_0"] = local.strftime("%Y-%m-%d")
                    data[f"{form.prefix}-{name}_1"] = local.strftime("%H:%M")
                elif value is not None and value is not False:
                    data[f"{form.prefix}-{name}"] = "on" if value is True else str(value)
                if form.fields[name].show_hidden_initial and value is not None:  # a callable default's
                    data[f"initial-{form.prefix}-{name}"] = str(value)
    return data


def post_politicians_seat(client, mandate, person):
    """Add a row for `person` to the mandate page's politicians and save the page."""
    data = mandate_page_data(client, mandate)
    prefix = "politician_memberships"
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(n + 1)
    data.update({f"{prefix}-{n}-user": str(person.pk), f"{prefix}-{n}-position": "member"})
    data[f"{prefix}-{n}-joined_on"] = "2026-01-01"
    return client.post(reverse("admin:mandates_mandate_change", args=[mandate.pk]), data)


def test_the_admin_refuses_a_politicians_seat_for_an_account_without_the_role_and_says_why(
    client, staff, call, english
):
    citizen = UserFactory(full_name="Carl Borger")
    client.force_login(staff)

    response = post_politicians_seat(client, call.mandate, citizen)

    assert response.status_code == 200
    assert "Carl Borger does not hold the Politician role" in response.content.decode()
    assert not Membership.objects.filter(user=citizen).exists()


def test_the_admin_gives_a_politicians_seat_to_an_account_with_the_role(client, staff, call):
    politician = UserFactory(full_name="Pia Politiker", roles=[roles.POLITICIAN])
    client.force_login(staff)

    assert post_politicians_seat(client, call.mandate, politician).status_code == 302
    assert Membership.objects.get(user=politician).role == Membership.Role.POLITICIAN


def test_the_seats_staff_give_change_end_and_remove_on_the_mandate_page_are_on_the_trail_with_who(
    client, staff, call
):
    politician = UserFactory(full_name="Pia Politiker", roles=[roles.POLITICIAN])
    client.force_login(staff)
    assert post_politicians_seat(client, call.mandate, politician).status_code == 302
    membership = Membership.objects.get(user=politician)
    change_page = reverse("admin:mandates_mandate_change", args=[call.mandate.pk])

    def save_row(client, **fields) -> None:
        data = mandate_page_data(client, call.mandate)
        row = next(
            key[: -len("-id")]
            for key, value in data.items()
            if key.startswith("politician_memberships-")
            and key.endswith("-id")
            and value == str(membership.pk)
        )
        data.update({f"{row}-{name}": value for name, value in fields.items()})
        assert client.post(change_page, data).status_code == 302

    save_row(client, position=Membership.Position.VICE_CHAIR)
    save_row(client, left_on=timezone.localdate().isoformat())
    superuser = UserFactory(
        full_name="Sune Superbruger", roles=[roles.COUNCIL_STAFF], is_staff=True, is_superuser=True, totp=True
    )
    client.force_login(superuser)  # seats end; only a superuser may delete one given by mistake
    save_row(client, DELETE="on")
    assert not Membership.objects.filter(user=politician).exists()

    entries = Entry.objects.filter(action__startswith="membership.").order_by("id")
    assert [(entry.action, entry.actor, entry.data["person"]) for entry in entries] == [
        ("membership.added", staff, "Pia Politiker"),
        ("membership.changed", staff, "Pia Politiker"),
        ("membership.changed", staff, "Pia Politiker"),
        ("membership.removed", superuser, "Pia Politiker"),
    ]
    assert [entries[1].data["fields"], entries[2].data["fields"]] == [["position"], ["left_on"]]
    assert entries[3].object_id == str(call.mandate.committee.pk)


def test_a_seat_left_without_its_role_does_not_block_the_mandate_page_and_staff_are_warned(
    client, staff, call, english
):
    seat(call, UserFactory(full_name="Rolf Uden Rolle"))
    client.force_login(staff)
    data = mandate_page_data(client, call.mandate)

    response = client.post(
        reverse("admin:mandates_mandate_change", args=[call.mandate.pk]), data, follow=True
    )

    shown = " ".join(str(m) for m in response.context["messages"])
    assert "Rolf Uden Rolle sits as politician without the official role" in shown


def test_the_person_box_of_a_seat_offers_only_accounts_with_its_role(client, staff, call):
    UserFactory(full_name="Poul Politiker", roles=[roles.POLITICIAN])
    UserFactory(full_name="Fie Facilitator", roles=[roles.FACILITATOR])
    UserFactory(full_name="Pernille Borger")
    client.force_login(staff)
    page = client.get(reverse("admin:mandates_mandate_change", args=[call.mandate.pk])).content.decode()
    assert "official_role=Politician" in page and "official_role=Facilitator" in page

    def offered(role: str | None) -> set[str]:
        query = {"app_label": "committees", "model_name": "membership", "field_name": "user", "term": "P"}
        if role:
            query["official_role"] = role
        response = client.get(reverse("admin:autocomplete"), query)
        return {row["text"] for row in response.json()["results"]}

    assert "Poul Politiker" in offered(roles.POLITICIAN)
    assert not {"Pernille Borger", "Fie Facilitator"} & offered(roles.POLITICIAN)
    assert "Fie Facilitator" in offered(roles.FACILITATOR)
    assert not {"Pernille Borger", "Poul Politiker"} & offered(roles.FACILITATOR)
    assert {"Poul Politiker", "Pernille Borger"} <= offered(None)  # citizens' seats: anyone


# --- Removing the role ends the seats, and staff are told.


def test_removing_the_politician_role_ends_the_persons_politician_seats_and_says_so(client, call, english):
    superuser = UserFactory(is_staff=True, is_superuser=True, totp=True)
    politician = Membership.objects.get(committee=call.mandate.committee, role="politician").user
    other = call_with_committee(profiles=1, politicians=0)
    MembershipFactory(committee=other.mandate.committee, user=politician)
    client.force_login(superuser)
    url = reverse("admin:accounts_user_change", args=[politician.pk])
    data = {
        "email": politician.email,
        "full_name": politician.full_name,
        "preferred_language": politician.preferred_language,
        "is_active": "on",
        "groups": [],
    }

    response = client.post(url, data, follow=True)

    assert response.status_code == 200, response.context["adminform"].form.errors
    assert not politician.groups.exists()
    assert not Membership.objects.active().filter(user=politician).exists()
    assert set(Membership.objects.filter(user=politician).values_list("left_on", flat=True)) == {
        timezone.localdate()
    }
    shown = " ".join(str(m) for m in response.context["messages"])
    assert "seats on 2 committees have ended" in shown
    ended = Entry.objects.filter(action="membership.ended")
    assert ended.count() == 2 and {e.actor for e in ended} == {superuser}
    removed = Entry.objects.get(action="user.role_removed")
    assert (removed.actor, removed.data, removed.object_id) == (
        superuser,
        {"role": "Politician"},
        str(politician.pk),
    )
