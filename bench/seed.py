"""The benchmark's data: 50 committees with open calls, 500 profiles, 300 meetings, 2,500 citizens and
20,000 applications (2,000 of them to one call and 200 to another, for the politicians' dashboard), plus
signed-in sessions of a citizen, a politician and a facilitator.

Structure goes through the tests' factories (a few thousand rows); the bulk through bulk_create.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.middleware.csrf import _get_new_csrf_string
from django.test import override_settings
from django.utils import timezone

from accounts.models import User
from committees.models import Membership
from core.models import PrivacyNotice
from recruitment.models import Application, ApplicationChoice, Call, Rating

MANDATES = 50
PROFILES = 10  # per mandate: 500
MEETINGS = 6  # per committee: 300
POLITICIANS = 3  # per committee
CITIZENS = 2_500  # the first 2,000 apply; the last 500 are kept for the apply-and-submit flow
APPLICATIONS = 20_000
BIG_CALL = 2_000  # applicants to the dashboard's call
SMALL_CALL = 200  # applicants to the smaller dashboard's call
FLOW_CALLS = 10  # open calls the flow's citizens apply to
BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass
class Plan:
    """What the run needs to know about the seeded data."""

    committee_slug: str
    call_id: int
    big_call_id: int
    small_call_id: int
    review_reference: str  # an application to the big call, as the committee reads it
    politician_cookie: str  # a politician of the big call's committee
    facilitator_cookie: str  # its facilitator: the meeting record form
    citizen_cookie: str  # signed in, has applied nowhere: sees the application form
    flow: list[tuple[str, str, str]] = field(default_factory=list)  # (cookie, path, form body)
    counts: dict[str, int] = field(default_factory=dict)


def session_cookie(user: User, csrf: str) -> str:
    """A signed-in session for `user`, as the login view would leave it, and the CSRF cookie."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = BACKEND
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}; csrftoken={csrf}"


def _structure() -> list[Call]:
    from tests.recruitment.factories import call_with_committee

    # Fast hashes for the seeded officials: the benchmark signs in by session, never by password.
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        return [
            call_with_committee(
                profiles=PROFILES, seats=1 + n % 2, meetings=MEETINGS, politicians=POLITICIANS
            )
            for n in range(MANDATES)
        ]


def _applications(calls: list[Call], citizens: list[User], rng: random.Random) -> list[Application]:
    from tests.recruitment.review_factories import unsaved_application

    notice = PrivacyNotice.objects.current()
    now = timezone.now()
    big, others = calls[0], calls[1 + FLOW_CALLS :] or calls[1:]
    small, others = others[-1], others[:-1]
    applying = citizens[:BIG_CALL]
    pairs = [(big, user) for user in applying] + [(small, user) for user in rng.sample(applying, SMALL_CALL)]
    per_call, extra = divmod(APPLICATIONS - BIG_CALL - SMALL_CALL, len(others))
    for index, call in enumerate(others):
        pairs += [(call, user) for user in rng.sample(applying, per_call + (index < extra))]
    rows = [
        unsaved_application(n, call=call, applicant=user, notice=notice, now=now)
        for n, (call, user) in enumerate(pairs)
    ]
    return Application.objects.bulk_create(rows, batch_size=2_000)


def _details(calls: list[Call], applications: list[Application], rng: random.Random) -> None:
    profiles = {c.pk: list(c.mandate.profiles.all()) for c in calls}
    meetings = {c.pk: list(c.mandate.committee.meetings.all()) for c in calls}
    choices, available = [], []
    through = Application.available_meetings.through
    for application in applications:
        chosen = rng.sample(profiles[application.call_id], rng.randint(1, 3))
        choices += [
            ApplicationChoice(application=application, profile=p, rank=r) for r, p in enumerate(chosen, 1)
        ]
        skipped = rng.randrange(len(meetings[application.call_id]) + 2)  # most attend all
        available += [
            through(application_id=application.pk, meeting_id=m.pk)
            for i, m in enumerate(meetings[application.call_id])
            if i != skipped
        ]
    ApplicationChoice.objects.bulk_create(choices, batch_size=5_000)
    through.objects.bulk_create(available, batch_size=10_000)
    big = calls[0]
    politicians = [m.user for m in big.mandate.committee.memberships.filter(role="politician")]
    ratings = [
        Rating(
            application_id=c.application_id, profile_id=c.profile_id, politician=p, score=rng.randint(1, 5)
        )
        for c in choices
        if c.application.call_id == big.pk
        for p in politicians
        if rng.random() < 0.5
    ]
    Rating.objects.bulk_create(ratings, batch_size=5_000)


def flow_lines(calls: list[Call], citizens: list[User], csrf: str, *, cookie=None) -> list[tuple]:
    """(who, path, form body) of every citizen applying to every call; `who` is a signed-in session's
    cookie, or what `cookie(user)` gives."""
    notice = PrivacyNotice.objects.current()
    cookies = [(cookie or (lambda user: session_cookie(user, csrf)))(user) for user in citizens]
    flow = []
    for call in calls:
        profile = call.mandate.profiles.first()
        meetings = "".join(f"&available_meetings={m.pk}" for m in call.mandate.committee.meetings.all())
        body = (
            f"csrfmiddlewaretoken={csrf}&motivation=Jeg+vil+gerne+bidrage.&tie=lives&postal_code=2820"
            f"&choice_1={profile.pk}&consent=on&notice_version={notice.version}{meetings}"
        )
        flow += [(cookie, f"/calls/{call.pk}/apply/", body) for cookie in cookies]
    return flow


@transaction.atomic  # one commit instead of thousands: seeding takes a third of the time
def seed(*, seed: int = 2025) -> Plan:
    rng = random.Random(seed)
    calls = _structure()
    users = User.objects.bulk_create(
        User(email=f"borger{n}@example.dk", full_name=f"Borger {n}", password="!") for n in range(CITIZENS)
    )
    applications = _applications(calls, users, rng)
    _details(calls, applications, rng)
    csrf = _get_new_csrf_string()
    big = calls[0]
    politician = big.mandate.committee.memberships.filter(role="politician").first().user
    facilitator = big.mandate.committee.memberships.filter(role="facilitator").first().user
    # The same politician sits on the smaller call's committee too, so one session reads both dashboards.
    Membership.objects.create(committee=calls[-1].mandate.committee, user=politician, role="politician")
    flow_calls = calls[1 : 1 + FLOW_CALLS]
    plan = Plan(
        committee_slug=big.mandate.slug,
        call_id=calls[1].pk,
        big_call_id=big.pk,
        small_call_id=calls[-1].pk,
        review_reference=big.applications.order_by("pk").values_list("reference", flat=True).first(),
        politician_cookie=session_cookie(politician, csrf),
        facilitator_cookie=session_cookie(facilitator, csrf),
        citizen_cookie=session_cookie(users[-1], csrf),
        flow=flow_lines(flow_calls, users[BIG_CALL:-1], csrf),
    )
    from committees.models import Meeting
    from mandates.models import CompetenceProfile, Mandate

    plan.counts = {
        "mandates": Mandate.objects.count(),
        "profiles": CompetenceProfile.objects.count(),
        "meetings": Meeting.objects.count(),
        "citizens": CITIZENS,
        "applications": Application.objects.count(),
        "applications_to_dashboard_call": big.applications.count(),
        "applications_to_smaller_dashboard_call": calls[-1].applications.count(),
    }
    return plan
