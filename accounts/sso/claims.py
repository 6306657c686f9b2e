"""What the identity provider's claims say. Pure functions of the claims: no settings, no database.

allauth keeps both sources of an OpenID Connect sign-in in SocialAccount.extra_data: the verified ID token
(`id_token`) and what the userinfo endpoint answered (`userinfo`)."""

from __future__ import annotations

from collections.abc import Iterable


def id_token_of(extra_data: dict) -> dict:
    return extra_data.get("id_token") or {}


def claims_of(extra_data: dict) -> dict:
    """The ID token's claims with the userinfo's on top (allauth reads the person's details the same way)."""
    return {**id_token_of(extra_data), **(extra_data.get("userinfo") or {})}


def claim_values(claims: dict, path: str) -> list[str]:
    """A claim's values as strings, from a list or a single value; a dotted path reaches into an object
    (Keycloak's `realm_access.roles`)."""
    value: object = claims
    for part in path.split("."):
        if not isinstance(value, dict):
            return []
        value = value.get(part)
    if isinstance(value, str | int):
        return [str(value)]
    if isinstance(value, list | tuple):
        return [str(item) for item in value if isinstance(item, str | int)]
    return []


def group_values(extra_data: dict, claim_names: Iterable[str]) -> frozenset[str]:
    """Every group or role value the named claims carry, in the ID token or the userinfo, case folded."""
    sources = (id_token_of(extra_data), extra_data.get("userinfo") or {})
    return frozenset(
        value.casefold() for source in sources for name in claim_names for value in claim_values(source, name)
    )


def is_true(value: object) -> bool:
    """A boolean claim; some providers send it as the string "true"."""
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def verified_email(claims: dict, verified_claim: str) -> str:
    """The email address, when the provider says it has verified it (`verified_claim` is true); else ""."""
    email = claims.get("email")
    if isinstance(email, str) and email.strip() and is_true(claims.get(verified_claim)):
        return email.strip()
    return ""


def used_multiple_factors(id_token: dict, *, amr_values: Iterable[str], acr_values: Iterable[str]) -> bool:
    """The ID token says the person signed in with more than one factor: its `amr` (RFC 8176) holds one of
    `amr_values`, or its `acr` is one of `acr_values`."""
    methods = {value.casefold() for value in claim_values(id_token, "amr")}
    if methods & {value.casefold() for value in amr_values}:
        return True
    acr = id_token.get("acr")
    return isinstance(acr, str) and acr in set(acr_values)
