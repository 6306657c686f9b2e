"""Pages that show a person's data are never kept by a browser or proxy, signed in or not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.recruitment.citizen_factories import invitation_with_reserve, token_of
from tests.recruitment.factories import call_with_committee

pytestmark = pytest.mark.django_db


def test_the_invitation_page_is_no_store_for_the_visitor_with_the_link(client):
    invitation, _reserve = invitation_with_reserve(call_with_committee(profiles=1, meetings=1))
    url = reverse("recruitment:invitation", args=[token_of(invitation)])

    shown = client.get(url)
    answered = client.post(url, {"answer": "decline"})

    assert shown.status_code == 200 and "no-store" in shown["Cache-Control"]
    assert "private" in shown["Cache-Control"]
    assert "no-store" in answered["Cache-Control"]
