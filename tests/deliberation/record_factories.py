"""Factories and the named cast for the meeting-record tests, and a URL map that serves the record
pages until the site's URL map includes them (then the site's own map is used unchanged)."""

from __future__ import annotations

from dataclasses import dataclass

import factory

from accounts import roles
from committees.models import Meeting, Membership, TaskCommittee
from deliberation.models import ActionItem, MeetingAttachment, MeetingRecord
from tests.committees.factories import MeetingFactory, MembershipFactory, TaskCommitteeFactory
from tests.factories import UserFactory

PDF = b"%PDF-1.4\n%test\n"


class MeetingRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingRecord
        skip_postgeneration_save = True

    meeting = factory.SubFactory(MeetingFactory)
    internal_notes = "Fortroligt: Ole var uenig om budgettet."
    decisions = "Udvalget besluttede at arbejde videre med idé 2."
    ideas = "Gratis busser for unge."
    summary = ""

    @factory.post_generation
    def present(self, create, extracted, **kwargs):
        if create and extracted:
            self.present.set(extracted)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    text = factory.Sequence(lambda n: f"Undersøg mulighed {n}")


class MeetingAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingAttachment

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Oplæg {n}")
    file = factory.django.FileField(filename="oplaeg.pdf", data=PDF)


@dataclass
class Cast:
    """One committee with a meeting, its members, and the people around it."""

    committee: TaskCommittee
    meeting: Meeting
    facilitator: object
    politician: object
    citizen: object
    staff: object
    politician_elsewhere: object
    facilitator_elsewhere: object
    citizen_elsewhere: object
    other_citizen: object
    memberships: dict[str, Membership]
    other_membership: Membership

    def person(self, role: str):
        return None if role == "anonymous" else getattr(self, role)


def cast(*, facilitator, politician, citizen, staff) -> Cast:
    committee = TaskCommitteeFactory()
    meeting = MeetingFactory(committee=committee, number=1)
    memberships = {
        "facilitator": MembershipFactory(committee=committee, user=facilitator, facilitator=True),
        "politician": MembershipFactory(committee=committee, user=politician),
        "citizen": MembershipFactory(committee=committee, user=citizen, citizen=True),
    }
    elsewhere = TaskCommitteeFactory()
    politician_elsewhere = UserFactory(full_name="Poul Andetsteds", roles=[roles.POLITICIAN], totp=True)
    facilitator_elsewhere = UserFactory(full_name="Fie Andetsteds", roles=[roles.FACILITATOR], totp=True)
    citizen_elsewhere = UserFactory(full_name="Carl Andetsteds")
    other_membership = MembershipFactory(committee=elsewhere, user=politician_elsewhere)
    MembershipFactory(committee=elsewhere, user=facilitator_elsewhere, facilitator=True)
    MembershipFactory(committee=elsewhere, user=citizen_elsewhere, citizen=True)
    return Cast(
        committee=committee,
        meeting=meeting,
        facilitator=facilitator,
        politician=politician,
        citizen=citizen,
        staff=staff,
        politician_elsewhere=politician_elsewhere,
        facilitator_elsewhere=facilitator_elsewhere,
        citizen_elsewhere=citizen_elsewhere,
        other_citizen=UserFactory(full_name="Ole Udenfor"),
        memberships=memberships,
        other_membership=other_membership,
    )
