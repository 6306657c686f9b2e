"""Writes of single sign-on: the role mapping (superusers, audited), and the roles a sign-in gives and
takes."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import COUNCIL_STAFF, OFFICIAL_ROLES
from accounts.services import RoleChange, role_loss_followers_run, user_roles_set
from accounts.sso.claims import group_values
from accounts.sso.mapping import mapped_roles
from accounts.sso.models import ProviderRole
from audit.services import log


def _require_superuser(by: User) -> None:
    # The mapping gives roles as surely as the people page does, so it is for superusers too.
    if not getattr(by, "is_superuser", False):
        raise PermissionDenied(_("Only a superuser changes which groups give official roles."))


def _described(mapping: ProviderRole) -> dict[str, str]:
    return {"claim_value": mapping.claim_value, "role": mapping.role, "description": mapping.description}


@transaction.atomic
def provider_role_save(*, mapping: ProviderRole, by: User) -> ProviderRole:
    """Add or change one row of the mapping; the trail keeps what it said before."""
    _require_superuser(by)
    mapping.claim_value = mapping.claim_value.strip()
    before = None
    if mapping.pk is not None:
        stored = ProviderRole.objects.select_for_update().get(pk=mapping.pk)
        before = _described(stored)
    mapping.full_clean()
    mapping.save()
    if before is None:
        log(mapping, "provider_role.added", by=by, data=_described(mapping))
    elif before != _described(mapping):
        log(mapping, "provider_role.changed", by=by, data={**_described(mapping), "before": before})
    return mapping


@transaction.atomic
def provider_role_delete(*, mapping: ProviderRole, by: User) -> None:
    _require_superuser(by)
    log(mapping, "provider_role.removed", by=by, data=_described(mapping))
    mapping.delete()


def sign_on_roles(extra_data: dict) -> frozenset[str]:
    """The official roles the provider's claims give through the mapping."""
    return mapped_roles(group_values(extra_data, settings.SSO_ROLE_CLAIMS))


@transaction.atomic
def sign_on_roles_apply(*, user: User, extra_data: dict) -> RoleChange:
    """At each sign-in the claims decide the person's official roles: the mapping's roles are given, and every
    official role the claims no longer carry is removed, one given by hand included, with the seats it carried
    (committees). Staff status follows the Council staff role; superuser status is left as it is."""
    wanted = sign_on_roles(extra_data)
    groups = [
        *user.groups.exclude(name__in=OFFICIAL_ROLES),
        *Group.objects.filter(name__in=wanted),
    ]
    change = user_roles_set(
        user=user,
        by=None,
        groups=groups,
        is_staff=COUNCIL_STAFF in wanted or user.is_superuser,
        is_superuser=user.is_superuser,
        via_sign_on=True,
    )
    if change.removed:
        role_loss_followers_run(user=user, by=None)
    return change


@transaction.atomic
def sign_on_user_created(*, user: User, extra_data: dict) -> RoleChange:
    """A person the provider vouched for was given an account (allauth saved it): recorded, and given the
    roles their claims carry."""
    log(user, "user.created_via_sign_on", by=None, data={"provider": settings.SSO_NAME})
    return sign_on_roles_apply(user=user, extra_data=extra_data)


def sign_on_link_recorded(sender, request, sociallogin, **kwargs) -> None:
    """Receives allauth's social_account_added: an existing account was linked to the provider's person, by
    the address the provider verified (sign_in.py)."""
    log(
        sociallogin.user,
        "user.linked_via_sign_on",
        by=None,
        data={"provider": settings.SSO_NAME, "subject": sociallogin.account.uid},
    )
