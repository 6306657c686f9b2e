"""The "call closed" mail tells the committee's officials how the call closed: at its deadline, or early."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils.translation import gettext

from mandates.models import MandateTransition
from notifications.dispatch import outbox_dispatch
from recruitment.calls import call_close, calls_close_due
from tests.recruitment.factories import ApplicationFactory, call_with_committee

pytestmark = pytest.mark.django_db


def _mails_to_officials():
    outbox_dispatch()
    return [m for m in mail.outbox if "/applications/" in m.body]


def test_a_call_closed_early_by_staff_does_not_say_the_deadline_passed(staff):
    call = call_with_committee(politicians=1)
    ApplicationFactory(call=call)
    assert call_close(call=call, by=staff)

    sent = _mails_to_officials()
    assert len(sent) == 2  # the politician and the facilitator, in Danish
    for message in sent:
        html = message.alternatives[0][0]
        for part in (message.body, html):
            assert "Ansøgningsfristen er udløbet" not in part
            assert "lukkede opslaget før ansøgningsfristen" in part
    note = MandateTransition.objects.get(mandate=call.mandate, to_state="matching").note
    assert note == gettext("The call was closed before its deadline.")
    assert note != gettext("The call's deadline passed.")


def test_a_call_closed_at_its_deadline_says_the_deadline_passed():
    call = call_with_committee(politicians=1)
    ApplicationFactory(call=call)
    with time_machine.travel(call.deadline + timedelta(minutes=1)):
        assert calls_close_due() == 1
        bodies = [m.body for m in _mails_to_officials()]
    assert bodies and all("Ansøgningsfristen er udløbet" in body for body in bodies)
    assert all("før ansøgningsfristen" not in body for body in bodies)
