"""Committee A's work with the public, for the permission matrix: an open consultation with three questions
and a dialogue meeting. Applicant X wrote to all three questions (one published anonymously, one kept as a
draft with a PDF, one withdrawn) and has a seat at the meeting with access needs; applicant Y's contribution
waits for review. X's draft, withdrawn text and needs carry markers that must never reach anyone else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from consultations.contributing import ContributionData, contribution_create, contribution_withdraw
from consultations.dialogue import MeetingData, meeting_create
from consultations.models import Consultation, Contribution, DialogueMeeting
from consultations.moderation import contribution_approve
from consultations.registrations import RegistrationData, registration_create
from consultations.setup import Question, consultation_create, consultation_publish
from core.models import PrivacyNotice

X_DRAFT = "KLADDE-X-UNIK: jeg er ikke færdig med at skrive."
X_WITHDRAWN = "TILBAGETRUKKET-X-UNIK: det ville jeg alligevel ikke sige."
X_NEEDS = "BEHOV-X-UNIK: tegnsprogstolk ved bord 3."
SECRETS = {
    "X's draft": "KLADDE-X-UNIK",
    "X's withdrawn text": "TILBAGETRUKKET-X-UNIK",
    "X's needs": "BEHOV-X-UNIK",
}


@dataclass
class PublicWork:
    consultation_pk: int
    item_pk: int  # the first question: X's and Y's contributions are there
    draft_pk: int  # X's draft, with a PDF
    withdrawn_pk: int  # X's withdrawn contribution
    published_pk: int  # X's published contribution (anonymous)
    meeting_pk: int
    registration_pk: int  # X's seat


def build_public_work(*, committee, facilitator, applicant, other_applicant) -> PublicWork:
    now = timezone.now()
    consultation = consultation_create(
        committee=committee,
        by=facilitator,
        title="Unges fritid: hvad mangler?",
        introduction="Udvalget spørger unge og forældre.",
        starts_at=now - timedelta(days=2),
        ends_at=now + timedelta(days=20),
        questions=[
            Question("Hvor er du om aftenen?"),
            Question("Hvad savner du?"),
            Question("Hvem skal spørges?"),
        ],
    )
    consultation = consultation_publish(consultation=consultation, by=facilitator)
    first, second, third = consultation.items.order_by("order")
    notice = PrivacyNotice.objects.current()

    def write(item, by, body, send=True, **extra) -> Contribution:
        return contribution_create(
            item=item, by=by, data=ContributionData(body=body, **extra), send=send, notice=notice
        )

    published = write(first, applicant, "Jeg er i klubben, når den er åben.", publication="anonymous")
    contribution_approve(contribution=published, by=facilitator)
    pdf = SimpleUploadedFile("kladde.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    draft = write(second, applicant, X_DRAFT, send=False, attachment=pdf)
    withdrawn = write(third, applicant, X_WITHDRAWN)
    contribution_withdraw(contribution=withdrawn, by=applicant)
    write(first, other_applicant, "Yrsas bidrag venter på at blive læst.")
    assert Consultation.objects.get(pk=consultation.pk).moderation == Consultation.Moderation.REVIEW

    starts = now + timedelta(days=12)
    meeting = meeting_create(
        committee=committee,
        by=facilitator,
        data=MeetingData(
            kind=DialogueMeeting.Kind.WORKSHOP,
            title="Værksted om unges fritid",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Ungdomsskolen, salen",
            online_url="",
            capacity=20,
            programme="Kort oplæg og arbejde ved bordene.",
        ),
        publish=True,
    )
    registration = registration_create(
        meeting=meeting,
        by=applicant,
        data=RegistrationData(name=applicant.full_name, access_needs=["interpreter"], access_details=X_NEEDS),
        notice=notice,
    )
    return PublicWork(
        consultation_pk=consultation.pk,
        item_pk=first.pk,
        draft_pk=draft.pk,
        withdrawn_pk=withdrawn.pk,
        published_pk=published.pk,
        meeting_pk=meeting.pk,
        registration_pk=registration.pk,
    )
