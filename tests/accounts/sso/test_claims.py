"""Reading the identity provider's claims: groups from lists, single values and nested objects, in the ID
token or the userinfo; booleans sent as strings; multi-factor by `amr` or `acr`; the role map's text."""

from __future__ import annotations

import pytest

from accounts import roles
from accounts.sso.claims import claim_values, group_values, is_true, used_multiple_factors, verified_email
from accounts.sso.mapping import role_map_parse


def test_claim_values_come_from_lists_single_values_and_nested_objects():
    claims = {"groups": ["a", 7, None, {"x": 1}], "role": "chair", "realm_access": {"roles": ["staff"]}}

    assert claim_values(claims, "groups") == ["a", "7"]
    assert claim_values(claims, "role") == ["chair"]
    assert claim_values(claims, "realm_access.roles") == ["staff"]
    assert claim_values(claims, "realm_access.missing") == claim_values(claims, "role.deeper") == []


def test_groups_are_read_from_the_id_token_and_the_userinfo_case_folded():
    extra_data = {"id_token": {"groups": ["SG-Politikere"]}, "userinfo": {"roles": ["Facilitator"]}}

    assert group_values(extra_data, ["groups", "roles"]) == {"sg-politikere", "facilitator"}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), ("true", True), (" TRUE ", True), ("yes", False), (1, False), (None, False)],
)
def test_a_boolean_claim_is_true_only_when_it_says_so(value, expected):
    assert is_true(value) is expected


def test_the_verified_address_is_the_one_the_configured_claim_vouches_for():
    assert verified_email({"email": "a@b.dk", "email_verified": True}, "email_verified") == "a@b.dk"
    assert verified_email({"email": "a@b.dk", "email_verified": True}, "xms_edov") == ""
    assert verified_email({"email": " ", "email_verified": True}, "email_verified") == ""


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": "otp"}, True),
        ({"amr": ["pwd"]}, False),
        ({"amr": ["pwd"], "acr": "substantial"}, True),
        ({"acr": "low"}, False),
        ({}, False),
    ],
)
def test_several_factors_are_read_from_amr_or_acr(token, expected):
    assert (
        used_multiple_factors(token, amr_values=["mfa", "otp", "hwk"], acr_values=["substantial"]) is expected
    )


def test_the_role_map_takes_values_with_commas_and_equal_signs():
    text = "politician=CN=Politikere,OU=Grupper ; Council staff=sg-sekretariat;;facilitator = sg-fac "

    assert role_map_parse(text) == [
        ("CN=Politikere,OU=Grupper", roles.POLITICIAN),
        ("sg-sekretariat", roles.COUNCIL_STAFF),
        ("sg-fac", roles.FACILITATOR),
    ]


@pytest.mark.parametrize("text", ["mayor=sg-borgmester", "politician", "politician="])
def test_a_wrong_role_map_entry_is_named(text):
    with pytest.raises(ValueError, match="SSO_ROLE_MAP entry"):
        role_map_parse(text)
