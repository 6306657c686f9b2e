"""The sessions list's last-seen time: recorded on the first request, then at most every 5 minutes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from allauth.usersessions.models import UserSession
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_activity_is_recorded_at_once_and_then_at_most_every_five_minutes(client, citizen):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(citizen)
        client.get(reverse("recruitment:my_applications"))
        session = UserSession.objects.get(user=citizen)
        assert session.last_seen_at == start
    with time_machine.travel(start + timedelta(minutes=4), tick=False):
        client.get(reverse("recruitment:my_applications"))
        session.refresh_from_db()
        assert session.last_seen_at == start
    later = start + timedelta(minutes=5, seconds=1)
    with time_machine.travel(later, tick=False):
        client.get(reverse("recruitment:my_applications"))
        session.refresh_from_db()
        assert session.last_seen_at == later


def test_anonymous_visitors_leave_no_session_row(client):
    client.get(reverse("home"))
    assert not UserSession.objects.exists()
