"""The mapping from the identity provider's groups to official roles, in the admin: superusers add, change and
remove rows, each change in the audit trail with who and what it said before; council staff read it (and see
what the environment adds) but change nothing; allauth's own pages for provider apps and tokens are gone."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import roles
from accounts.models import ProviderRole
from accounts.sso.services import provider_role_save
from audit.models import Entry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:accounts_providerrole_changelist")
ADD_URL = reverse("admin:accounts_providerrole_add")


@pytest.fixture
def superuser(db):
    return UserFactory(full_name="Søren Super", is_staff=True, is_superuser=True, totp=True)


def change_url(mapping: ProviderRole) -> str:
    return reverse("admin:accounts_providerrole_change", args=[mapping.pk])


def test_a_superuser_adds_changes_and_removes_a_row_and_the_trail_keeps_each_step(client, superuser):
    client.force_login(superuser)

    form = {"claim_value": " 1b6f0c2e-politikere ", "role": roles.POLITICIAN, "description": "Politikere"}
    assert client.post(ADD_URL, form).status_code == 302
    mapping = ProviderRole.objects.get()
    assert mapping.claim_value == "1b6f0c2e-politikere"
    changed = {**form, "claim_value": mapping.claim_value, "role": roles.FACILITATOR}
    assert client.post(change_url(mapping), changed).status_code == 302
    delete_url = reverse("admin:accounts_providerrole_delete", args=[mapping.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 302

    assert not ProviderRole.objects.exists()
    entries = list(Entry.objects.filter(object_id=str(mapping.pk)).order_by("pk"))
    assert [(e.action, e.actor) for e in entries] == [
        ("provider_role.added", superuser),
        ("provider_role.changed", superuser),
        ("provider_role.removed", superuser),
    ]
    assert (
        entries[1].data["before"]["role"] == roles.POLITICIAN and entries[1].data["role"] == roles.FACILITATOR
    )


def test_the_same_group_cannot_give_the_same_role_twice_whatever_its_case(client, english, superuser):
    ProviderRole.objects.create(claim_value="SG-Politikere", role=roles.POLITICIAN)
    client.force_login(superuser)

    response = client.post(ADD_URL, {"claim_value": "sg-politikere", "role": roles.POLITICIAN})

    assert response.status_code == 200
    assert "This group already gives this role." in response.content.decode()
    assert ProviderRole.objects.count() == 1


def test_council_staff_read_the_mapping_but_change_nothing(client, english, staff, settings):
    settings.SSO_ROLE_MAP = "council-staff=sg-sekretariat"
    mapping = ProviderRole.objects.create(claim_value="sg-politikere", role=roles.POLITICIAN)
    client.force_login(staff)

    page = client.get(LIST_URL).content.decode()
    assert "sg-politikere" in page and "sg-sekretariat" in page and "Single sign-on is off" in page
    assert client.get(ADD_URL).status_code == 403
    assert (
        client.post(change_url(mapping), {"claim_value": "x", "role": roles.COUNCIL_STAFF}).status_code == 403
    )
    assert ProviderRole.objects.get().claim_value == "sg-politikere"
    with pytest.raises(PermissionDenied):
        provider_role_save(mapping=ProviderRole(claim_value="sg-alle", role=roles.COUNCIL_STAFF), by=staff)


def test_provider_apps_and_tokens_are_not_in_the_admin(client, superuser):
    client.force_login(superuser)

    assert client.get("/admin/socialaccount/socialapp/").status_code == 404
    assert client.get("/admin/socialaccount/socialtoken/").status_code == 404
    assert client.get("/admin/socialaccount/socialaccount/").status_code == 200  # the links, for superusers
