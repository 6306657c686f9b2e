"""The demo cast: one council staff member, five politicians, three facilitators, six citizens."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.contrib.auth.models import Group
from django.db import transaction

from accounts import roles
from accounts.models import User

DEMO_PASSWORD = "samskab-demo-2026"
# Every demo official shares this TOTP secret: add it to an authenticator app, or run `make totp`.
DEMO_TOTP_SECRET = "SAMSKABDEMOTOTPSECRET234"
DOMAIN = "demo.samskab.dk"

STAFF = [("sekretariat", "Sara Sekretær")]
POLITICIANS = [
    ("politiker1", "Anne Holm"),
    ("politiker2", "Bo Kristensen"),
    ("politiker3", "Camilla Nørgaard"),
    ("politiker4", "Dennis Lund"),
    ("politiker5", "Eva Bech"),
]
FACILITATORS = [
    ("facilitator1", "Frida Madsen"),
    ("facilitator2", "Gustav Krogh"),
    ("facilitator3", "Hanne Schou"),
]
CITIZENS = [
    ("borger1", "Ida Jensen", "da"),
    ("borger2", "Jonas Larsen", "da"),
    ("borger3", "Karen Poulsen", "da"),
    ("borger4", "Lars Møller", "da"),
    ("borger5", "Maja Sørensen", "da"),
    ("citizen6", "Noah Hansen", "en"),
]


def _person(local_part: str, full_name: str, language: str = "da", **flags) -> User:
    email = f"{local_part}@{DOMAIN}"
    user, _ = User.objects.update_or_create(
        email=email, defaults={"full_name": full_name, "preferred_language": language, **flags}
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _official(local_part: str, full_name: str, role: str, **flags) -> User:
    user = _person(local_part, full_name, **flags)
    user.groups.add(Group.objects.get(name=role))
    Authenticator.objects.update_or_create(
        user=user,
        type=Authenticator.Type.TOTP,
        defaults={"data": {"secret": encrypt(DEMO_TOTP_SECRET)}},
    )
    return user


@transaction.atomic
def seed_people() -> dict[str, list[User]]:
    return {
        "staff": [_official(*p, role=roles.COUNCIL_STAFF, is_staff=True) for p in STAFF],
        "politicians": [_official(*p, role=roles.POLITICIAN) for p in POLITICIANS],
        "facilitators": [_official(*p, role=roles.FACILITATOR) for p in FACILITATORS],
        "citizens": [_person(*p) for p in CITIZENS],
    }
