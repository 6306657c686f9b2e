"""Officials' roles in the admin: only a superuser changes a superuser or gives and removes roles (groups,
staff status, superuser), and every role given or removed is in the audit trail with who and when."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import roles
from accounts.models import User
from accounts.services import user_roles_set
from audit.models import Entry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(full_name="Søren Super", is_staff=True, is_superuser=True, totp=True)


def change_url(user: User) -> str:
    return reverse("admin:accounts_user_change", args=[user.pk])


def posted(user: User, **changes) -> dict:
    """The user's change form as posted: the editable fields with their values, then `changes`."""
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "preferred_language": user.preferred_language,
        "is_active": "on" if user.is_active else "",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)],
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v != ""}


def group(name: str) -> str:
    return str(Group.objects.get(name=name).pk)


def test_council_staff_cannot_change_a_superusers_password_email_or_active_flag(client, staff, superuser):
    client.force_login(staff)

    response = client.post(change_url(superuser), posted(superuser, email="mine@example.dk", is_active=""))
    assert response.status_code == 403
    password_url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    assert client.post(password_url, {"password1": "x" * 20, "password2": "x" * 20}).status_code == 403

    superuser.refresh_from_db()
    assert (superuser.email, superuser.is_active) != ("mine@example.dk", False)
    assert superuser.check_password("a-long-test-password-42")


def test_council_staff_cannot_delete_a_superuser_alone_or_among_others(client, staff, superuser, citizen):
    client.force_login(staff)
    assert (
        client.post(reverse("admin:accounts_user_delete", args=[superuser.pk]), {"post": "yes"}).status_code
        == 403
    )
    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "delete_selected", "_selected_action": [superuser.pk, citizen.pk], "post": "yes"},
    )
    assert User.objects.filter(pk=superuser.pk).exists()


def test_council_staff_cannot_give_or_take_staff_status_or_roles(client, staff, citizen):
    colleague = UserFactory(roles=[roles.COUNCIL_STAFF], is_staff=True)
    client.force_login(staff)
    page = client.get(change_url(citizen))
    assert not {"is_staff", "is_superuser", "groups"} & set(page.context["adminform"].form.fields)

    client.post(change_url(citizen), posted(citizen, is_staff="on", groups=[group(roles.POLITICIAN)]))
    client.post(change_url(colleague), posted(colleague, is_staff="", groups=[]))

    citizen.refresh_from_db()
    colleague.refresh_from_db()
    assert not citizen.is_staff and not citizen.groups.exists()
    assert colleague.is_staff and colleague.groups.filter(name=roles.COUNCIL_STAFF).exists()
    assert not Entry.objects.filter(action__startswith="user.role").exists()


def test_council_staff_still_correct_an_ordinary_persons_name(client, staff, citizen):
    client.force_login(staff)
    response = client.post(change_url(citizen), posted(citizen, full_name="Ida Marie Jensen"))
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.full_name == "Ida Marie Jensen"


def test_a_superuser_gives_and_removes_roles_and_the_trail_says_who_and_when(client, superuser, citizen):
    client.force_login(superuser)

    response = client.post(
        change_url(citizen), posted(citizen, is_staff="on", groups=[group(roles.COUNCIL_STAFF)])
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.is_staff and citizen.groups.filter(name=roles.COUNCIL_STAFF).exists()

    client.post(change_url(citizen), posted(citizen, is_staff="", groups=[]))
    citizen.refresh_from_db()
    assert not citizen.is_staff and not citizen.groups.exists()

    trail = Entry.objects.filter(object_id=str(citizen.pk), action__startswith="user.role").order_by("id")
    assert [(e.action, e.data["role"], e.actor) for e in trail] == [
        ("user.role_granted", roles.COUNCIL_STAFF, superuser),
        ("user.role_granted", roles.STAFF_STATUS, superuser),
        ("user.role_removed", roles.COUNCIL_STAFF, superuser),
        ("user.role_removed", roles.STAFF_STATUS, superuser),
    ]
    assert all(e.at for e in trail)


def test_the_role_service_refuses_anyone_but_a_superuser(staff, citizen):
    with pytest.raises(PermissionDenied):
        user_roles_set(
            user=citizen,
            by=staff,
            groups=[Group.objects.get(name=roles.POLITICIAN)],
            is_staff=False,
            is_superuser=False,
        )
    assert not citizen.groups.exists()
    # Saving the same roles again is no change, and needs no superuser.
    assert not user_roles_set(user=citizen, by=staff, groups=[], is_staff=False, is_superuser=False)
