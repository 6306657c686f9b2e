"""The public record at scale for the query-count tests: committees with everything the API shows (members,
meetings with a published summary, a closed call with applications, a decided deliverable with amendments,
implementation with progress, a reported consultation with contributions), written in bulk."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from django.utils import timezone

from accounts.models import User
from committees.models import Meeting, Membership, TaskCommittee
from consultations.models import Consultation, ConsultationItem, Contribution
from core.models import PrivacyNotice
from deliberation.models import (
    Amendment,
    CouncilDecision,
    Deliverable,
    DeliverableVersion,
    EvaluationAnswer,
    EvaluationSurvey,
    ImplementationAction,
    MeetingRecord,
    ProgressUpdate,
    ReviewStep,
)
from mandates.models import CompetenceProfile, Mandate, MandateTask, PoliticalBody, ReceivingBody
from recruitment.models import Application, ApplicationChoice, Call

_numbers = itertools.count()
SECTIONS = [{"key": "s1", "heading": "Vision", "body": "Unge skal have en stemme."}]


def _people(count: int, prefix: str) -> list[User]:
    start = next(_numbers) * 100_000
    return User.objects.bulk_create(
        User(email=f"{prefix}{start + n}@example.dk", full_name=f"{prefix.title()} {start + n}")
        for n in range(count)
    )


def committees(count: int, *, applications: int = 4, contributions: int = 4) -> None:
    """`count` committees; `applications` and `contributions` are spread over them."""
    council, _ = PoliticalBody.objects.get_or_create(
        name="Kommunalbestyrelsen", defaults={"kind": PoliticalBody.Kind.CITY_COUNCIL}
    )
    now = timezone.now()
    notice = PrivacyNotice.objects.current()
    officials = _people(count * 2, "official")
    for n in range(count):
        number = next(_numbers)
        mandate = Mandate.objects.create(
            title=f"Udvalg {number}", slug=f"udvalg-{number}", state=Mandate.State.IMPLEMENTING,
            problem="Et problem.", delivery_kind=Mandate.DeliveryKind.ACTION_PLAN,
            starts_on=date(2026, 1, 1), ends_on=date(2026, 9, 1), adopted_by=council,
        )  # fmt: skip
        MandateTask.objects.create(mandate=mandate, text="Udvalget skal foreslå tiltag.")
        route = ReceivingBody.objects.create(mandate=mandate, body=council)
        profiles = CompetenceProfile.objects.bulk_create(
            CompetenceProfile(mandate=mandate, title=f"Profil {k}", seats=2) for k in range(2)
        )
        committee = TaskCommittee.objects.create(mandate=mandate, name=mandate.title, constituted_at=now)
        Membership.objects.create(committee=committee, user=officials[2 * n], role=Membership.Role.POLITICIAN)
        Membership.objects.create(
            committee=committee, user=officials[2 * n + 1], role=Membership.Role.CITIZEN, profile=profiles[0],
            show_name_publicly=True,
        )  # fmt: skip
        meeting = Meeting.objects.create(
            committee=committee,
            number=1,
            starts_at=now - timedelta(days=30),
            ends_at=now - timedelta(days=30, hours=-2),
        )
        MeetingRecord.objects.create(
            meeting=meeting, summary="Referat.", summary_published_at=now, internal_notes="x"
        )
        call = Call.objects.create(
            mandate=mandate, opens_at=now - timedelta(days=90), deadline=now - timedelta(days=60),
            state=Call.State.CLOSED, draw_public_value_source="Lotto",
        )  # fmt: skip
        version = DeliverableVersion(number=1, title="Forslag", sections=SECTIONS)
        deliverable = Deliverable.objects.create(
            committee=committee, state=Deliverable.State.DECIDED, submitted_at=now - timedelta(days=20)
        )
        version.deliverable = deliverable
        version.save()
        deliverable.submitted_version = version
        deliverable.save(update_fields=["submitted_version"])
        ReviewStep.objects.create(
            deliverable=deliverable, route_entry=route, meeting_date=date(2026, 10, 1),
            outcome=ReviewStep.Outcome.APPROVES,
        )  # fmt: skip
        Amendment.objects.create(
            deliverable=deliverable, section_key="s1", proposed_text="Ny tekst", reason="Bedre",
            proposed_by=officials[2 * n], state=Amendment.State.ACCEPTED, decided_at=now,
        )  # fmt: skip
        CouncilDecision.objects.create(
            deliverable=deliverable, version=version, decided_on=date(2026, 10, 20),
            outcome=CouncilDecision.Outcome.ENDORSED, votes_for=20, agreed_sections=SECTIONS,
        )  # fmt: skip
        action = ImplementationAction.objects.create(
            mandate=mandate, title="Klubtilbud", responsible_unit="Kultur", progress=20, state="in_progress"
        )
        ProgressUpdate.objects.bulk_create(
            ProgressUpdate(action=action, on=date(2026, 11, d), text="Godt i gang.", progress=10 * d)
            for d in (1, 2)
        )
        consultation = Consultation.objects.create(
            committee=committee, title="Høring", introduction="Hvad mener du?",
            starts_at=now - timedelta(days=50), ends_at=now - timedelta(days=40),
            published_at=now - timedelta(days=50), summary="Vi hørte meget.",
            report_published_at=now - timedelta(days=30),
        )  # fmt: skip
        item = ConsultationItem.objects.create(consultation=consultation, kind="question", title="Spørgsmål")
        survey = EvaluationSurvey.objects.create(mandate=mandate, closes_at=now - timedelta(days=1))
        EvaluationAnswer.objects.bulk_create(
            EvaluationAnswer(
                mandate=mandate, learned=k % 5 + 1, ideas_used=4, politicians_listened=5, would_again=4,
                more_interested=3, free_text="Hemmeligt svar.", answered_on=survey.closes_at.date(),
            )
            for k in range(5)
        )  # fmt: skip
        _applications(call, profiles, applications // count, notice)
        _contributions(consultation, item, contributions // count)


def _applications(call: Call, profiles, count: int, notice) -> None:
    people = _people(count, "applicant")
    applications = Application.objects.bulk_create(
        Application(
            call=call, applicant=person, reference=f"A{person.pk}", motivation="Hemmelig motivation.",
            privacy_notice=notice, consented_at=timezone.now(),
        )
        for person in people
    )  # fmt: skip
    ApplicationChoice.objects.bulk_create(
        ApplicationChoice(application=a, profile=profiles[k % 2], rank=1) for k, a in enumerate(applications)
    )


def _contributions(consultation: Consultation, item: ConsultationItem, count: int) -> None:
    people = _people(count, "contributor")
    Contribution.objects.bulk_create(
        Contribution(
            consultation=consultation, item=item, author=person, body="Mit bidrag.",
            state=Contribution.State.PUBLISHED, submitted_at=timezone.now(), published_at=timezone.now(),
        )
        for person in people
    )  # fmt: skip
