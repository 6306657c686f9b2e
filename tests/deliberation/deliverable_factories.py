"""Deliverables for the tests: a committee at work with its cast, versions, and a submitted text.

Also a URL map for the view tests that includes the deliverable's pages under the "deliberation"
namespace, whether or not config.urls includes them yet.
"""

from __future__ import annotations

from dataclasses import dataclass

import factory

from accounts import roles
from accounts.models import User
from committees.models import Membership, TaskCommittee
from deliberation.deliverables.services import deliverable_submit, version_save
from deliberation.models import Deliverable, DeliverableVersion
from mandates.models import Mandate, PoliticalBody, ReceivingBody
from tests.committees.factories import (
    MembershipFactory,
    PoliticalBodyFactory,
    ReceivingBodyFactory,
    TaskCommitteeFactory,
)
from tests.factories import UserFactory


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    committee = factory.SubFactory(TaskCommitteeFactory, mandate__state=Mandate.State.ACTIVE)


class DeliverableVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliverableVersion

    deliverable = factory.SubFactory(DeliverableFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Forslag til ny ungepolitik"
    sections = factory.LazyFunction(
        lambda: [
            {"key": "a1", "heading": "Vision", "body": "Alle unge skal trives.\n\nUnge skal høres."},
            {"key": "b2", "heading": "Indsatser", "body": "- Et ungeråd\n- Flere klubber"},
        ]
    )


SECTIONS = [
    {"heading": "Vision", "body": "Alle unge skal trives.\n\nUnge skal høres i alle sager."},
    {"heading": "Indsatser", "body": "- Et ungeråd\n- Flere klubber om aftenen"},
]


@dataclass
class Cast:
    committee: TaskCommittee
    chair: User
    citizen: User
    facilitator: User
    council: ReceivingBody
    standing: ReceivingBody

    @property
    def mandate(self) -> Mandate:
        self.committee.mandate.refresh_from_db()
        return self.committee.mandate

    @property
    def members(self) -> list[User]:
        return [self.chair, self.citizen, self.facilitator]


def committee_at_work(**mandate_fields) -> Cast:
    """An active committee with a chair (politician), a citizen and a facilitator, and a route of a
    standing committee and then the City Council."""
    committee = TaskCommitteeFactory(
        mandate__state=Mandate.State.ACTIVE, **{f"mandate__{k}": v for k, v in mandate_fields.items()}
    )
    chair = UserFactory(roles=[roles.POLITICIAN], totp=True)
    citizen = UserFactory()
    facilitator = UserFactory(roles=[roles.FACILITATOR], totp=True)
    MembershipFactory(committee=committee, user=chair, position=Membership.Position.CHAIR)
    MembershipFactory(committee=committee, user=citizen, citizen=True)
    MembershipFactory(committee=committee, user=facilitator, facilitator=True)
    standing = ReceivingBodyFactory(mandate=committee.mandate, order=1)
    council = ReceivingBodyFactory(
        mandate=committee.mandate,
        order=2,
        body=PoliticalBodyFactory(name="Kommunalbestyrelsen", kind=PoliticalBody.Kind.CITY_COUNCIL),
    )
    return Cast(committee, chair, citizen, facilitator, council, standing)


def drafted(cast: Cast, sections=None, title: str = "Forslag til ny ungepolitik") -> Deliverable:
    deliverable = DeliverableFactory(committee=cast.committee)
    version_save(deliverable=deliverable, by=cast.citizen, title=title, sections=sections or SECTIONS)
    return deliverable


def submitted(cast: Cast, sections=None) -> Deliverable:
    deliverable = drafted(cast, sections)
    return deliverable_submit(deliverable=deliverable, by=cast.facilitator)
