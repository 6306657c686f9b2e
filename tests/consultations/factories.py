"""Consultations and dialogue meetings for the tests, made through the services as people make them, and
contributions in bulk for the query-count tests."""

from __future__ import annotations

import itertools
from datetime import timedelta

from django.utils import timezone

from accounts import roles
from consultations.contributing import ContributionData, contribution_create
from consultations.dialogue import MeetingData, meeting_create
from consultations.models import Consultation, ConsultationItem, Contribution, DialogueMeeting
from consultations.setup import Question, consultation_configure, consultation_create, consultation_publish
from core.models import PrivacyNotice
from tests.deliberation.deliverable_factories import Cast
from tests.factories import UserFactory

QUESTIONS = (
    Question("Hvad får dig til at bevæge dig i hverdagen?", "Fortæl gerne om både gode og dårlige dage."),
    Question("Hvad holder dig tilbage?"),
)


def consultation_for(
    cast: Cast,
    *,
    moderation: str = Consultation.Moderation.REVIEW,
    questions=QUESTIONS,
    section_keys=(),
    publish: bool = True,
    opened_days_ago: int = 1,
    closes_in_days: int = 20,
    staff=None,
    title: str = "Bevægelse i hverdagen: hvad skal der til?",
) -> Consultation:
    now = timezone.now()
    consultation = consultation_create(
        committee=cast.committee,
        by=cast.facilitator,
        title=title,
        introduction="Udvalget vil gerne høre, hvad der får dig til at bevæge dig.",
        starts_at=now - timedelta(days=opened_days_ago),
        ends_at=now + timedelta(days=closes_in_days),
        questions=questions,
        section_keys=section_keys,
    )
    if moderation != consultation.moderation:
        consultation_configure(
            consultation=consultation,
            by=staff or UserFactory(roles=[roles.COUNCIL_STAFF], is_staff=True, totp=True),
            moderation=moderation,
            retention_days=consultation.retention_days,
        )
    if publish:
        consultation = consultation_publish(consultation=consultation, by=cast.facilitator)
    return consultation


def first_item(consultation: Consultation) -> ConsultationItem:
    return consultation.items.order_by("order").first()


def contribute(
    consultation: Consultation,
    author=None,
    *,
    item: ConsultationItem | None = None,
    body: str = "Jeg cykler, når der er en sikker cykelsti.",
    send: bool = True,
    **fields,
) -> Contribution:
    return contribution_create(
        item=item or first_item(consultation),
        by=author or UserFactory(),
        data=ContributionData(body=body, **fields),
        send=send,
        notice=PrivacyNotice.objects.current(),
    )


_bulk_people = itertools.count()


def bulk_contributions(consultation: Consultation, count: int, *, state=Contribution.State.PUBLISHED) -> None:
    """`count` contributions from as many people, spread over the items, the kinds and the days."""
    from accounts.models import User

    items = list(consultation.items.all())
    users = User.objects.bulk_create(
        User(email=f"bulk{next(_bulk_people)}@example.dk", full_name=f"Borger {n}") for n in range(count)
    )
    now = timezone.now()
    Contribution.objects.bulk_create(
        Contribution(
            consultation=consultation,
            item=items[n % len(items)],
            author=user,
            body=f"Bidrag nummer {n} om cykelstier og gåture.",
            kind=Contribution.Kind.ORGANISATION if n % 5 == 0 else Contribution.Kind.PRIVATE,
            organisation="Gentofte Cykelklub" if n % 5 == 0 else "",
            publication=Contribution.Publication.ANONYMOUS if n % 7 == 0 else Contribution.Publication.NAMED,
            state=state,
            submitted_at=now - timedelta(hours=n % 48),
            published_at=now if state == Contribution.State.PUBLISHED else None,
        )
        for n, user in enumerate(users)
    )


def meeting_for(
    cast: Cast, *, capacity: int = 2, starts_in: timedelta = timedelta(days=10), publish=True
) -> DialogueMeeting:
    starts = timezone.now() + starts_in
    return meeting_create(
        committee=cast.committee,
        by=cast.facilitator,
        data=MeetingData(
            kind=DialogueMeeting.Kind.DIALOGUE,
            title="Dialogmøde om cykelstier",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Gentofte Hovedbibliotek, salen",
            online_url="",
            capacity=capacity,
            programme="Velkomst, oplæg og samtale ved bordene.",
            accessibility="Niveaufri adgang og teleslynge i salen.",
        ),
        publish=publish,
    )
