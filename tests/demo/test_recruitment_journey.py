"""The issue's "done when", on the demo data through the real pages: a citizen applies to the
youth-policy call, the call closes, a politician reviews and confirms the engine's proposal, and the
invited citizens accept and become members."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from committees.models import Membership
from core.models import PrivacyNotice
from recruitment.models import Application, Call, Invitation
from recruitment.offers import invitation_token
from tests.recruitment.test_review_matching import confirm

pytestmark = pytest.mark.django_db


def test_the_youth_policy_call_runs_from_application_to_members_in_the_demo(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call = Call.objects.get(mandate__slug="ny-ungepolitik")
    mandate = call.mandate
    profile = mandate.profiles.get(order=3)

    # A citizen reads the call and applies.
    borger1 = User.objects.get(email="borger1@demo.samskab.dk")
    client.force_login(borger1)
    assert client.get(reverse("portal:call", args=[call.pk])).status_code == 200
    meetings = list(mandate.committee.meetings.values_list("pk", flat=True))
    response = client.post(
        reverse("recruitment:apply", args=[call.pk]),
        {
            "choice_1": profile.pk,
            "motivation": "Jeg går på en erhvervsuddannelse og vil gerne være med.",
            "available_meetings": meetings,
            "tie": "lives",
            "postal_code": "2900",
            "gender": "man",
            "consent": "on",
            "notice_version": PrivacyNotice.objects.current().version,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    assert Application.objects.filter(call=call).count() == 5

    # Council staff close the call from the admin.
    staff = User.objects.get(email="sekretariat@demo.samskab.dk")
    client.force_login(staff)
    client.post(
        reverse("admin:recruitment_call_changelist"), {"action": "close_calls", "_selected_action": [call.pk]}
    )
    mandate.refresh_from_db()
    assert mandate.state == "matching"

    # The chair reviews and confirms the engine's proposal.
    chair = Membership.objects.get(committee__mandate=mandate, position="chair").user
    client.force_login(chair)
    assert client.get(reverse("recruitment:dashboard", args=[call.pk])).status_code == 200
    response, seats, _reserves = confirm(client, call, rationale="Forskellige stemmer fra fire profiler.")
    assert response.status_code == 200
    assert sum(len(ids) for ids in seats.values()) == 5  # everyone fits a different profile

    # Each invited citizen follows the link in the email and accepts.
    client.logout()
    for invitation in Invitation.objects.filter(application__call=call):
        url = reverse("recruitment:invitation", args=[invitation_token(invitation)])
        assert client.get(url).status_code == 200
        client.post(url, {"answer": "accept"})
    members = Membership.objects.filter(committee__mandate=mandate, role="citizen")
    assert members.count() == 5
    assert members.filter(user=borger1, profile=profile).exists()
