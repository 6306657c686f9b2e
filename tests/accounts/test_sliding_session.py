"""Sessions end after 30 idle minutes; the end slides with use but is written at most once a minute."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def page(client):
    return client.get(reverse("recruitment:my_applications"))


def test_a_session_in_use_stays_signed_in_past_its_first_thirty_minutes(client, citizen):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(citizen)
        page(client)
    for minutes in (20, 40, 60):
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert page(client).status_code == 200


def test_a_session_left_idle_for_thirty_minutes_is_signed_out(client, citizen):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(citizen)
        page(client)
    with time_machine.travel(start + timedelta(minutes=30, seconds=1), tick=False):
        response = page(client)
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_requests_within_a_minute_do_not_write_the_session_again(client, citizen):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.force_login(citizen)
        page(client)
        first = Session.objects.get().expire_date
    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        page(client)
        assert Session.objects.get().expire_date == first
    with time_machine.travel(start + timedelta(seconds=61), tick=False):
        page(client)
        assert Session.objects.get().expire_date == first + timedelta(seconds=61)
