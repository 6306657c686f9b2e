"""Factories for recruitment: a call on a committee, applications with their choices, ratings."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.utils import timezone

from accounts import roles
from committees.models import Membership
from core.models import PrivacyNotice
from mandates.models import Mandate
from recruitment.models import Application, ApplicationChoice, Call, Rating
from tests.committees.factories import (
    CompetenceProfileFactory,
    MeetingFactory,
    MembershipFactory,
    TaskCommitteeFactory,
)
from tests.factories import UserFactory


class CallFactory(factory.django.DjangoModelFactory):
    """An open call by default, on an adopted mandate in the recruiting state."""

    class Meta:
        model = Call

    mandate = factory.LazyFunction(
        lambda: TaskCommitteeFactory(mandate__state=Mandate.State.RECRUITING).mandate
    )
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    intro = "Vi søger unge, der vil være med."
    state = Call.State.OPEN
    eligibility = Call.Eligibility.POSTAL_CODES  # the settings' postal codes, as calls checked them at first


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application
        skip_postgeneration_save = True

    call = factory.SubFactory(CallFactory)
    applicant = factory.SubFactory(UserFactory)
    motivation = "Jeg vil gerne være med."
    tie = Application.Tie.LIVES
    postal_code = "2820"
    gender = factory.Iterator(["woman", "man"])
    age_band = "18_24"
    privacy_notice = factory.LazyFunction(lambda: PrivacyNotice.objects.current())
    consented_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def profiles(self, create, extracted, **kwargs):
        """profiles=[p1, p2]: the choices in order of preference (default: the mandate's first)."""
        if not create:
            return
        chosen = extracted or list(self.call.mandate.profiles.all()[:1])
        for rank, profile in enumerate(chosen, start=1):
            ApplicationChoice.objects.create(application=self, profile=profile, rank=rank)


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rating

    application = factory.SubFactory(ApplicationFactory)
    profile = factory.LazyAttribute(lambda r: r.application.choices.first().profile)
    politician = factory.SubFactory(UserFactory, roles=[roles.POLITICIAN], totp=True)
    score = 4


def call_with_committee(
    *, profiles: int = 3, seats: int = 1, meetings: int = 3, politicians: int = 2, **fields
):
    """An open call whose committee has profiles, meetings, politicians and a facilitator."""
    call = CallFactory(**fields)
    committee = call.mandate.committee
    for n in range(profiles):
        CompetenceProfileFactory(mandate=call.mandate, seats=seats, order=n + 1)
    for number in range(1, meetings + 1):
        MeetingFactory(committee=committee, number=number)
    for _ in range(politicians):
        MembershipFactory(
            committee=committee,
            role=Membership.Role.POLITICIAN,
            user=UserFactory(roles=[roles.POLITICIAN], totp=True),
        )
    MembershipFactory(
        committee=committee,
        role=Membership.Role.FACILITATOR,
        user=UserFactory(roles=[roles.FACILITATOR], totp=True),
    )
    return call
