"""From a person's groups to their official roles: the admin's rows (ProviderRole) and SSO_ROLE_MAP.

SSO_ROLE_MAP holds entries separated by ";", each `<role>=<group or role value>`, the role being politician,
facilitator or council-staff: `politician=1b6f…;council-staff=CN=Samskab,OU=Grupper`. The value may hold
"=" and "," (a directory name does); only ";" separates entries."""

from __future__ import annotations

from django.conf import settings

from accounts.roles import COUNCIL_STAFF, FACILITATOR, OFFICIAL_ROLES, POLITICIAN
from accounts.sso.models import ProviderRole

ROLE_KEYS = {"politician": POLITICIAN, "facilitator": FACILITATOR, "council-staff": COUNCIL_STAFF}
# The roles' own names (the auth groups') are understood too, in any case.
ROLE_KEYS.update({name.casefold(): name for name in OFFICIAL_ROLES})


def role_map_parse(text: str) -> list[tuple[str, str]]:
    """[(value, role name)] from SSO_ROLE_MAP's text; ValueError naming the entry that is wrong."""
    pairs = []
    for entry in (part.strip() for part in text.split(";")):
        if not entry:
            continue
        key, equals, value = entry.partition("=")
        role = ROLE_KEYS.get(key.strip().casefold())
        if not equals or not value.strip() or role is None:
            raise ValueError(
                f"SSO_ROLE_MAP entry {entry!r} is not <role>=<group>, with the role one of "
                f"{', '.join(sorted(k for k in ROLE_KEYS if ' ' not in k))}"
            )
        pairs.append((value.strip(), role))
    return pairs


def mapped_roles(groups: frozenset[str]) -> frozenset[str]:
    """The official roles the groups give (`groups` case folded, as claims.group_values gives them)."""
    if not groups:
        return frozenset()
    pairs = role_map_parse(settings.SSO_ROLE_MAP)
    pairs += list(ProviderRole.objects.values_list("claim_value", "role"))
    return frozenset(role for value, role in pairs if value.casefold() in groups)
