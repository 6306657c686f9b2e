"""A mandate ready for adoption, built the way staff build one."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone, translation

from committees.models import Meeting
from committees.services import committee_ensure
from mandates.models import CompetenceProfile, Mandate, MandateTask, PoliticalBody, ReceivingBody


@pytest.fixture
def council(db):
    return PoliticalBody.objects.create(name="Kommunalbestyrelsen", kind=PoliticalBody.Kind.CITY_COUNCIL)


@pytest.fixture
def standing_committee(db):
    return PoliticalBody.objects.create(
        name="Børne- og Skoleudvalget", kind=PoliticalBody.Kind.STANDING_COMMITTEE
    )


def meeting_on(committee, number: int, day: date) -> Meeting:
    starts = datetime.combine(day, time(17), tzinfo=timezone.get_current_timezone())
    return Meeting.objects.create(
        committee=committee, number=number, starts_at=starts, ends_at=starts + timedelta(hours=3)
    )


@pytest.fixture
def adoptable_mandate(council, standing_committee):
    mandate = Mandate.objects.create(
        title="Ny ungepolitik",
        slug="ny-ungepolitik",
        problem="Unge mistrives.",
        delivery_kind=Mandate.DeliveryKind.POLICY_PROPOSAL,
        starts_on=date(2027, 1, 1),
        ends_on=date(2027, 10, 31),
        adopted_by=council,
        adopted_on=date(2026, 12, 10),
    )
    MandateTask.objects.create(mandate=mandate, text="Udvalget skal foreslå en ungepolitik.", order=1)
    for n in range(1, 11):
        CompetenceProfile.objects.create(mandate=mandate, title=f"Profil {n}", seats=1, order=n)
    ReceivingBody.objects.create(mandate=mandate, body=standing_committee, order=1)
    ReceivingBody.objects.create(mandate=mandate, body=council, order=2)
    committee = committee_ensure(mandate=mandate)
    for n in range(1, 6):
        meeting_on(committee, n, date(2027, 1, 15) + timedelta(days=40 * (n - 1)))
    return mandate


@pytest.fixture(autouse=True)
def _english():
    # These tests read the messages staff see; read them in English whatever the catalogue holds.
    with translation.override("en"):
        yield
