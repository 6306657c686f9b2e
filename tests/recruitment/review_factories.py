"""Helpers for the review tests: the committee's cast, a closed call, and thousands of applications fast."""

from __future__ import annotations

from django.utils import timezone

from accounts.models import User
from committees.models import Membership
from core.models import PrivacyNotice
from mandates.models import Mandate
from recruitment.models import Application, ApplicationChoice, Call, Rating
from recruitment.review.pool_version import review_pool_changed
from tests.recruitment.factories import call_with_committee

GENDERS = ("woman", "man", "other", "")
AGE_BANDS = ("18_24", "25_34", "35_49", "50_64", "")
DISTRICTS = ("Hellerup", "Gentofte", "Vangede", "")


def members(call: Call, role: str) -> list[User]:
    return [
        m.user
        for m in Membership.objects.filter(committee__mandate=call.mandate, role=role)
        .select_related("user")
        .order_by("pk")
    ]


def politicians(call: Call) -> list[User]:
    return members(call, Membership.Role.POLITICIAN)


def facilitator(call: Call) -> User:
    return members(call, Membership.Role.FACILITATOR)[0]


def close(call: Call) -> Call:
    """The deadline has passed: what call_close leaves behind, without its notifications."""
    Call.objects.filter(pk=call.pk).update(state=Call.State.CLOSED)
    Mandate.objects.filter(pk=call.mandate_id).update(state=Mandate.State.MATCHING)
    call.refresh_from_db()
    call.mandate.refresh_from_db()
    return call


def closed_call(**kwargs) -> Call:
    return close(call_with_committee(**kwargs))


def unsaved_application(n: int, *, call: Call, applicant: User, notice: PrivacyNotice, now) -> Application:
    """Applicant number `n`, for bulk_create: demographics, organisations and districts vary with `n`."""
    return Application(
        call=call,
        applicant=applicant,
        reference=f"B{n:07d}",
        motivation=f"Jeg vil gerne være med, nummer {n}.\nMere om mig.",
        tie=Application.Tie.LIVES,
        postal_code="2820",
        organisation=f"Forening {n % 40}" if n % 3 == 0 else "",
        takes_part_as_individual=n % 3 == 0,
        gender=GENDERS[n % len(GENDERS)],
        age_band=AGE_BANDS[n % len(AGE_BANDS)],
        district=DISTRICTS[n % len(DISTRICTS)],
        privacy_notice=notice,
        consented_at=now,
        submitted_at=now,
    )


def bulk_applications(call: Call, count: int, *, start: int = 0) -> list[Application]:
    """`count` applicants with one to three profiles, varied demographics, shared organisations, missed
    meetings and ratings, in a handful of bulk inserts (one privacy notice for all)."""
    notice = PrivacyNotice.objects.current()
    now = timezone.now()
    numbers = range(start, start + count)
    users = User.objects.bulk_create(
        User(email=f"bulk{n}@example.dk", full_name=f"Ansøger {n}", password="!") for n in numbers
    )
    applications = Application.objects.bulk_create(
        unsaved_application(n, call=call, applicant=user, notice=notice, now=now)
        for n, user in zip(numbers, users, strict=True)
    )
    profiles = list(call.mandate.profiles.all())
    ApplicationChoice.objects.bulk_create(
        ApplicationChoice(application=a, profile=profiles[(n + rank) % len(profiles)], rank=rank + 1)
        for n, a in zip(numbers, applications, strict=True)
        for rank in range(1 + n % min(3, len(profiles)))
    )
    meetings = list(call.mandate.committee.meetings.all())
    through = Application.available_meetings.through
    through.objects.bulk_create(
        through(application_id=a.pk, meeting_id=m.pk)
        for n, a in zip(numbers, applications, strict=True)
        for i, m in enumerate(meetings)
        if not (n % 5 == 0 and i == 0)  # every fifth applicant misses the first meeting
    )
    raters = politicians(call)
    Rating.objects.bulk_create(
        Rating(application=a, profile=profiles[n % len(profiles)], politician=p, score=1 + (n + k) % 5)
        for n, a in zip(numbers, applications, strict=True)
        if n % 2 == 0
        for k, p in enumerate(raters)
    )
    review_pool_changed(call.pk)  # bulk inserts pass by the services, which say so themselves
    return applications
