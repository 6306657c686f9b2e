"""factory_boy factories for mandates and committees. States are set directly: these build data as it
looks at some point of the lifecycle, they do not walk the lifecycle (tests/mandates does that)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from committees.models import OFFICIAL_ROLE_OF_SEAT, Meeting, Membership, TaskCommittee
from mandates.models import (
    CompetenceProfile,
    Mandate,
    MandateDocument,
    MandateTask,
    MandateTransition,
    PoliticalBody,
    ReceivingBody,
)
from tests.factories import UserFactory


class PoliticalBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliticalBody
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Stående udvalg {n}")
    kind = PoliticalBody.Kind.STANDING_COMMITTEE


class MandateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mandate

    title = factory.Sequence(lambda n: f"Opgaveudvalg {n}")
    slug = factory.LazyAttribute(lambda m: slugify(m.title))
    state = Mandate.State.ADOPTED
    problem = "Unge mistrives, og politikken er skrevet af voksne."
    background = "Baggrund for opgaven."
    existing_policies = "Den nuværende ungepolitik fra 2018."
    delivery_kind = Mandate.DeliveryKind.POLICY_PROPOSAL
    expected_delivery = "Et forslag til en ny ungepolitik."
    starts_on = date(2026, 1, 1)
    ends_on = date(2026, 10, 31)
    adopted_by = factory.SubFactory(
        PoliticalBodyFactory, name="Kommunalbestyrelsen", kind=PoliticalBody.Kind.CITY_COUNCIL
    )
    adopted_on = date(2025, 12, 10)
    adoption_agenda_item = "Punkt 12"


class MandateTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MandateTask

    mandate = factory.SubFactory(MandateFactory)
    text = factory.Sequence(lambda n: f"Udvalget skal foreslå tiltag nummer {n}.")
    order = factory.Sequence(int)


class ReceivingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceivingBody

    mandate = factory.SubFactory(MandateFactory)
    body = factory.SubFactory(PoliticalBodyFactory)
    order = factory.Sequence(int)


class CompetenceProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetenceProfile

    mandate = factory.SubFactory(MandateFactory)
    title = factory.Sequence(lambda n: f"Profil {n}")
    description = "En ung, der går i udskolingen."
    seats = 1
    order = factory.Sequence(int)


class TaskCommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskCommittee

    mandate = factory.SubFactory(MandateFactory)
    name = factory.LazyAttribute(lambda c: c.mandate.title)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A seat. A politician's or facilitator's person gets that official role too, as the admin requires;
    `official_role=False` leaves it out (a seat given to the wrong account, or kept after the role went)."""

    class Meta:
        model = Membership
        skip_postgeneration_save = True

    committee = factory.SubFactory(TaskCommitteeFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.POLITICIAN
    position = Membership.Position.MEMBER

    @factory.post_generation
    def official_role(self, create, extracted, **kwargs):
        role = OFFICIAL_ROLE_OF_SEAT.get(self.role)
        if create and role and extracted is not False:
            self.user.groups.add(Group.objects.get(name=role))

    class Params:
        citizen = factory.Trait(
            role=Membership.Role.CITIZEN,
            profile=factory.SubFactory(
                CompetenceProfileFactory, mandate=factory.SelfAttribute("..committee.mandate")
            ),
        )
        facilitator = factory.Trait(role=Membership.Role.FACILITATOR)


def _evening(day: date) -> datetime:
    return datetime.combine(day, time(17), tzinfo=timezone.get_current_timezone())


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(TaskCommitteeFactory)
    number = factory.Sequence(lambda n: n + 1)
    starts_at = factory.LazyAttribute(lambda m: _evening(date(2026, 2, 1) + timedelta(weeks=m.number)))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + timedelta(hours=3))
    place = "Rådhuset, mødesal 1"
    agenda = "Dagsorden: fortroligt for medlemmer."


class MandateDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MandateDocument

    mandate = factory.SubFactory(MandateFactory)
    title = factory.Sequence(lambda n: f"Bilag {n}")
    file = factory.django.FileField(filename="bilag.pdf", data=b"%PDF-1.4\n%test\n")
    public = True


class MandateTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MandateTransition
        skip_postgeneration_save = True

    mandate = factory.SubFactory(MandateFactory)
    from_state = Mandate.State.DRAFT
    to_state = Mandate.State.ADOPTED
    note = ""

    @factory.post_generation
    def at(self, create, extracted, **kwargs):
        # `at` is stamped on creation; tests that need a particular moment set it afterwards.
        if create and extracted:
            MandateTransition.objects.filter(pk=self.pk).update(at=extracted)
            self.at = extracted


def committee_with_everything(
    *, profiles: int = 2, meetings: int = 2, members: int = 2, **mandate_fields
) -> TaskCommittee:
    """A public committee as the public pages meet it: tasks, route, profiles, meetings and members."""
    committee = TaskCommitteeFactory(**{f"mandate__{k}": v for k, v in mandate_fields.items()})
    mandate = committee.mandate
    MandateTaskFactory(mandate=mandate, order=1)
    ReceivingBodyFactory(mandate=mandate, order=1)
    ReceivingBodyFactory(mandate=mandate, body=mandate.adopted_by, order=2)
    seats = [CompetenceProfileFactory(mandate=mandate) for _ in range(profiles)]
    for number in range(1, meetings + 1):
        MeetingFactory(committee=committee, number=number)
    for n in range(members):
        MembershipFactory(
            committee=committee, citizen=True, profile=seats[n % len(seats)], show_name_publicly=True
        )
    return committee
