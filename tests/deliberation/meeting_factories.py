"""A committee at work for the meeting tests: a time frame around today, planned meetings ahead, and
the cast of members (facilitator, politician, citizen) plus people who are not members."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from accounts import roles
from committees.models import Meeting, Membership, TaskCommittee
from deliberation.models import MeetingRecord
from tests.committees.factories import MeetingFactory, MembershipFactory, TaskCommitteeFactory
from tests.factories import UserFactory


class MeetingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRecord

    meeting = factory.SubFactory(MeetingFactory)
    summary = "Udvalget besluttede at holde en workshop."
    internal_notes = "Interne noter: aldrig offentlige."


def evening(days_from_today: int, hour: int = 17) -> datetime:
    """A meeting time in the municipality's zone, `days_from_today` days ahead."""
    day = timezone.localdate() + timedelta(days=days_from_today)
    return datetime.combine(day, time(hour), tzinfo=timezone.get_default_timezone())


@dataclass
class Cast:
    committee: TaskCommittee
    facilitator: object
    politician: object
    citizen: object
    meetings: list[Meeting]

    @property
    def members(self) -> list:
        return [self.facilitator, self.politician, self.citizen]


def committee_at_work(*, meetings: int = 3, name: str = "Ny ungepolitik", first_in_days: int = 5) -> Cast:
    """A committee whose time frame runs from a month ago to ten months ahead, with `meetings`
    planned meetings a fortnight apart, the first `first_in_days` days from today."""
    today = timezone.localdate()
    committee = TaskCommitteeFactory(
        name=name,
        mandate__starts_on=today - timedelta(days=30),
        mandate__ends_on=today + timedelta(days=300),
    )
    facilitator = MembershipFactory(
        committee=committee,
        role=Membership.Role.FACILITATOR,
        user=UserFactory(roles=[roles.FACILITATOR], totp=True, preferred_language="en"),
    ).user
    politician = MembershipFactory(
        committee=committee,
        role=Membership.Role.POLITICIAN,
        user=UserFactory(roles=[roles.POLITICIAN], totp=True),
    ).user
    citizen = MembershipFactory(
        committee=committee, citizen=True, user=UserFactory(preferred_language="en")
    ).user
    plan = [
        MeetingFactory(
            committee=committee,
            number=n,
            starts_at=evening(first_in_days + 14 * (n - 1)),
            ends_at=evening(first_in_days + 14 * (n - 1), hour=20),
            agenda="",
        )
        for n in range(1, meetings + 1)
    ]
    return Cast(
        committee=committee, facilitator=facilitator, politician=politician, citizen=citizen, meetings=plan
    )
