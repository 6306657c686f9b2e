"""`seed_demo` gives "Bevægelse i hverdagen" an open consultation and two meetings, and "Ungepolitik 2025" a
closed consultation with what it heard, all through the services; seeding twice changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from consultations.models import Consultation, Contribution, DialogueMeeting, Registration
from consultations.selectors import heard_reports, public_meeting
from notifications.models import Notification
from tests.support.module_data import kept_for_the_module

pytestmark = pytest.mark.django_db


def _seed_twice():
    call_command("seed_demo", force=True, stdout=io.StringIO())
    call_command("seed_demo", force=True, stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker, _seed_twice):
        yield


def test_the_movement_committee_consults_on_two_questions_and_a_draft_section(demo):
    consultation = Consultation.objects.get(committee__mandate__slug="bevaegelse-i-hverdagen")
    assert consultation.is_open
    assert [i.kind for i in consultation.items.order_by("order")] == ["question", "question", "section"]
    assert consultation.items.get(kind="section").version_number == 1
    contributions = consultation.contributions.all()
    assert 28 <= contributions.count() <= 35
    assert contributions.filter(kind="organisation").count() >= 3
    hidden = contributions.filter(state="hidden")
    assert sorted(hidden.values_list("hide_reason", flat=True)) == ["personal_data", "spam"]
    assert contributions.filter(publication="anonymous").count() == 1
    assert contributions.filter(state="pending").count() == 2


def test_its_dialogue_meeting_has_a_few_seats_left_and_its_site_visit_a_waiting_list(demo):
    dialogue = public_meeting(DialogueMeeting.objects.get(kind="dialogue").pk)
    assert not dialogue.has_started and 1 <= dialogue.seats_left <= 5
    visit = public_meeting(DialogueMeeting.objects.get(kind="site_visit").pk)
    assert visit.seats_left == 0
    assert visit.registrations.filter(state=Registration.State.OFFERED).count() == 1


def test_the_youth_committees_closed_consultation_has_what_it_heard(demo):
    consultation = Consultation.objects.get(committee__mandate__slug="ungepolitik-2025")
    assert consultation.phase() == Consultation.Phase.REPORTED
    (report,) = heard_reports(consultation.committee)
    assert report.summary and all(item.how_used for item in report.items)
    assert report.meetings[0].summary  # the youth summit's public summary
    assert Contribution.objects.filter(consultation=consultation, state="published").count() == 11


def test_the_demos_past_is_not_mailed_again(demo):
    demo_kinds = (
        "consultation_contribution_received",
        "consultation_report_published",
        "dialogue_registered",
    )
    assert not Notification.objects.filter(kind__in=demo_kinds, state=Notification.State.PENDING).exists()
