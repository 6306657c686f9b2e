"""The world the permission matrix runs in: one committee (A) recruiting, with an open call, two
applicants, its politician and facilitator, a meeting record and a deliverable in drafting; a second
committee (B) with its own politician; a plain citizen; council staff. Two seats on A are held without
the official role they need: a citizen account (signed in by code, no password) given a politician's
seat, and a politician whose Politician role was taken away while the seat stayed active.

Everything secret carries a marker string, so a page that leaks it is easy to find.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts import roles
from accounts.models import User
from committees.models import CalendarFeed, Membership, TaskCommittee
from deliberation.models import (
    ActionItem,
    Deliverable,
    DeliverableVersion,
    MeetingAttachment,
    MeetingRecord,
    SectionComment,
)
from mandates.models import Mandate
from recruitment.models import Application, Call, Invitation
from recruitment.offers import invitation_token
from tests.access.world_consultations import SECRETS as PUBLIC_WORK_SECRETS
from tests.access.world_consultations import PublicWork, build_public_work
from tests.committees.factories import (
    CompetenceProfileFactory,
    MandateDocumentFactory,
    MeetingFactory,
    MembershipFactory,
    TaskCommitteeFactory,
)
from tests.factories import UserFactory
from tests.recruitment.factories import ApplicationFactory, CallFactory

# What must never reach anyone outside the committee, its politicians and facilitators, and staff.
X_NAME = "Xenia Ansøgersen-Unik"
X_EMAIL = "xenia.unik.ansoeger@example.dk"
X_PHONE = "+45 31 41 59 26"
X_MOTIVATION = "MOTIVATION-X-UNIK: jeg vil gerne være med, fordi min søn mistrives."
INTERNAL_NOTE = "HEMMELIGT-NOTAT"
COMMENT = "HEMMELIG-KOMMENTAR"
SECRETS = {
    "X's name": X_NAME,
    "X's email": X_EMAIL,
    "X's phone": X_PHONE,
    "X's motivation": "MOTIVATION-X-UNIK",
    "internal notes": INTERNAL_NOTE,
    "deliverable comment": COMMENT,
    **PUBLIC_WORK_SECRETS,
}


@dataclass
class World:
    committee: TaskCommittee
    call: Call
    application_x: Application
    application_y: Application
    # The people, by the role names of the matrix.
    anonymous: None
    citizen: User
    applicant: User
    other_applicant: User
    politician: User
    politician_b: User
    facilitator: User
    staff: User
    citizen_politician: User
    removed_politician: User
    # Real URL arguments.
    slug: str
    call_pk: int
    reference: str
    invitation_token: str
    meeting_number: int
    public_document_pk: int
    internal_document_pk: int
    action_item_pk: int
    attachment_pk: int
    calendar_token: str
    public_work: PublicWork  # committee A's consultation and dialogue meeting
    meeting_pk: int = 0  # A's meeting 1, by its id (the API's address for it)
    absent_pk: int = 2**62  # an id no record has: the API's records this world has none of

    def person(self, role: str) -> User | None:
        return getattr(self, role)


def build_world() -> World:
    now = timezone.now()
    committee = TaskCommitteeFactory(
        name="Ny ungepolitik (A)",
        mandate__title="Ny ungepolitik A",
        mandate__slug="ny-ungepolitik-a",
        mandate__state=Mandate.State.RECRUITING,
    )
    mandate = committee.mandate
    profiles = [CompetenceProfileFactory(mandate=mandate, order=n, seats=1) for n in (1, 2)]
    meetings = [MeetingFactory(committee=committee, number=n) for n in (1, 2)]
    call = CallFactory(mandate=mandate, opens_at=now - timedelta(days=7), deadline=now + timedelta(days=14))

    politician = UserFactory(full_name="Anne Politiker A", roles=[roles.POLITICIAN], totp=True)
    facilitator = UserFactory(full_name="Frida Facilitator A", roles=[roles.FACILITATOR], totp=True)
    MembershipFactory(committee=committee, user=politician, role=Membership.Role.POLITICIAN)
    MembershipFactory(committee=committee, user=facilitator, role=Membership.Role.FACILITATOR)

    applicant = UserFactory(full_name=X_NAME, email=X_EMAIL)
    other_applicant = UserFactory(full_name="Yrsa Anden Ansøger", email="yrsa@example.dk")
    application_x = ApplicationFactory(
        call=call,
        applicant=applicant,
        motivation=X_MOTIVATION,
        phone=X_PHONE,
        gender="woman",
        district="Hellerup",
        profiles=profiles,
    )
    application_x.available_meetings.set(meetings)
    application_y = ApplicationFactory(
        call=call,
        applicant=other_applicant,
        motivation="Yrsas egen motivation.",
        phone="+45 20 00 00 02",
        gender="man",
        profiles=profiles[:1],
    )
    invitation = Invitation.objects.create(
        application=application_x, profile=profiles[0], answer_by=now + timedelta(days=7)
    )

    record = MeetingRecord.objects.create(
        meeting=meetings[0],
        internal_notes=f"{INTERNAL_NOTE}: Ole var uenig om budgettet.",
        decisions="Udvalget arbejder videre med idé 2.",
        summary="Referat, endnu ikke offentliggjort.",
    )
    record.present.set(Membership.objects.filter(committee=committee))
    item = ActionItem.objects.create(meeting=meetings[0], text="Undersøg busruter")
    attachment = MeetingAttachment.objects.create(meeting=meetings[0], title="Oplæg", file=_pdf("oplaeg.pdf"))
    public_document = MandateDocumentFactory(mandate=mandate, title="Offentligt bilag", public=True)
    internal_document = MandateDocumentFactory(mandate=mandate, title="Internt bilag", public=False)

    deliverable = Deliverable.objects.create(committee=committee)
    version = DeliverableVersion.objects.create(
        deliverable=deliverable,
        number=1,
        title="Forslag til ny ungepolitik",
        sections=[{"key": "a1", "heading": "Vision", "body": "Alle unge skal trives."}],
        created_by=facilitator,
    )
    DeliverableVersion.objects.create(
        deliverable=deliverable,
        number=2,
        title="Forslag til ny ungepolitik",
        sections=[{"key": "a1", "heading": "Vision", "body": "Alle unge skal trives og høres."}],
        created_by=facilitator,
    )
    SectionComment.objects.create(
        deliverable=deliverable, section_key="a1", version=version, author=facilitator, body=COMMENT
    )
    feed = CalendarFeed.objects.create(user=politician)

    citizen_politician = UserFactory(full_name="Carla Kodeborger", email="carla@example.dk")
    citizen_politician.set_unusable_password()
    citizen_politician.save(update_fields=["password"])
    MembershipFactory(committee=committee, user=citizen_politician, official_role=False)
    removed_politician = UserFactory(full_name="Rolf Fratrådt A", roles=[roles.POLITICIAN], totp=True)
    MembershipFactory(committee=committee, user=removed_politician)
    removed_politician.groups.clear()  # outside the admin, so the seat is not ended with the role

    committee_b = TaskCommitteeFactory(
        name="Klima (B)",
        mandate__title="Klima B",
        mandate__slug="klima-b",
        mandate__state=Mandate.State.ACTIVE,
    )
    politician_b = UserFactory(full_name="Bo Politiker B", roles=[roles.POLITICIAN], totp=True)
    MembershipFactory(committee=committee_b, user=politician_b, role=Membership.Role.POLITICIAN)

    public_work = build_public_work(
        committee=committee, facilitator=facilitator, applicant=applicant, other_applicant=other_applicant
    )
    return World(
        committee=committee,
        call=call,
        application_x=application_x,
        application_y=application_y,
        anonymous=None,
        citizen=UserFactory(full_name="Ida Borger", email="ida.borger@example.dk"),
        applicant=applicant,
        other_applicant=other_applicant,
        politician=politician,
        politician_b=politician_b,
        facilitator=facilitator,
        staff=UserFactory(full_name="Sara Sekretær", roles=[roles.COUNCIL_STAFF], is_staff=True, totp=True),
        citizen_politician=citizen_politician,
        removed_politician=removed_politician,
        slug=mandate.slug,
        call_pk=call.pk,
        reference=application_x.reference,
        invitation_token=invitation_token(invitation),
        meeting_number=meetings[0].number,
        public_document_pk=public_document.pk,
        internal_document_pk=internal_document.pk,
        action_item_pk=item.pk,
        attachment_pk=attachment.pk,
        calendar_token=feed.token,
        public_work=public_work,
        meeting_pk=meetings[0].pk,
    )


def _pdf(name: str) -> ContentFile:
    return ContentFile(b"%PDF-1.4\n%test\n", name=name)
