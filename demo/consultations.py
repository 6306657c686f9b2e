"""The demo's work with the public, through the services as people do it, then dated back where the story
lies in the past (as demo.deliberation does with the mandates' moves).

- "Bevægelse i hverdagen" has an open consultation on two questions and one section of its first draft,
  with about 30 contributions: some on behalf of organisations, two hidden by the moderators with their
  reasons, one without a name, two waiting for review. Its dialogue meeting has a few seats left; its site
  visit is full, with a waiting list.
- "Ungepolitik 2025" consulted the public in 2025: a closed consultation with "what we heard", which the
  case document carries, and a youth summit with its public summary.

The messages the services queue for the demo's past are cancelled: `make run` prints only what happens next.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from committees.models import TaskCommittee
from consultations.contributing import ContributionData, contribution_create
from consultations.dialogue import MeetingData, attendance_record, meeting_create, summary_save
from consultations.models import Consultation, Contribution, DialogueMeeting
from consultations.moderation import contribution_approve, contribution_hide, contribution_tag
from consultations.registrations import RegistrationData, registration_cancel, registration_create
from consultations.reports import report_save
from consultations.setup import Question, consultation_create, consultation_publish
from core.models import PrivacyNotice
from deliberation.deliverables.services import deliverable_for, version_save
from demo import consultation_texts as texts
from demo.people import _person
from notifications.services import notifications_cancel

MOVEMENT, YOUTH = "bevaegelse-i-hverdagen", "ungepolitik-2025"
# The keys of the messages this module's services queue (see the services' notification keys).
KEY_PREFIXES = (
    "contribution-",
    "consultation-review:",
    "consultation-report:",
    "dialogue-registered:",
    "dialogue-waiting:",
    "dialogue-offer:",
)


def _contributors() -> list:
    return [_person(f"deltager{n:02d}", name) for n, name in enumerate(texts.CONTRIBUTORS, start=1)]


def _at(day: date, hour: int = 12) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _write(consultation, items, row, people, **extra) -> Contribution:
    number, author, body, organisation = row
    return contribution_create(
        item=items[number - 1],
        by=people[author],
        data=ContributionData(
            body=body,
            kind="organisation" if organisation else "private",
            organisation=organisation,
            **extra,
        ),
        send=True,
        notice=PrivacyNotice.objects.current(),
    )


def _meeting(committee, facilitator, text: dict, *, kind, starts: datetime, hours: int, capacity: int):
    return meeting_create(
        committee=committee,
        by=facilitator,
        data=MeetingData(
            kind=kind,
            title=text["title"],
            starts_at=starts,
            ends_at=starts + timedelta(hours=hours),
            place=text["place"],
            online_url="",
            capacity=capacity,
            programme=text["programme"],
            accessibility=text["accessibility"],
        ),
        publish=True,
    )


def _register(meeting, person, needs=()) -> None:
    registration_create(
        meeting=meeting,
        by=person,
        data=RegistrationData(name=person.full_name, access_needs=list(needs)),
        notice=PrivacyNotice.objects.current(),
    )


def _movement(people, contributors) -> None:
    committee = TaskCommittee.objects.select_related("mandate").get(mandate__slug=MOVEMENT)
    facilitator = people["facilitators"][0]
    deliverable = deliverable_for(committee=committee)
    draft = version_save(
        deliverable=deliverable,
        by=facilitator,
        title="Tre initiativer for bevægelse",
        sections=texts.MOVEMENT_DRAFT,
    )
    now = timezone.now()
    opened = now - timedelta(days=10)
    consultation = consultation_create(
        committee=committee,
        by=facilitator,
        title=texts.MOVEMENT_TITLE,
        introduction=texts.MOVEMENT_INTRO,
        starts_at=opened,
        ends_at=_at(timezone.localdate() + timedelta(days=18), 23).replace(minute=59),
        questions=[Question(title, body) for title, body in texts.MOVEMENT_QUESTIONS],
        section_keys=[draft.sections[0]["key"]],
    )
    consultation = consultation_publish(consultation=consultation, by=facilitator)
    Consultation.objects.filter(pk=consultation.pk).update(published_at=opened - timedelta(days=2))
    items = list(consultation.items.order_by("order"))
    written = [_write(consultation, items, row, contributors) for row in texts.MOVEMENT_CONTRIBUTIONS]
    written.append(
        _write(consultation, items, texts.MOVEMENT_ANONYMOUS, contributors, publication="anonymous")
    )
    for contribution in written:
        contribution_approve(contribution=contribution, by=facilitator)
    for row in texts.MOVEMENT_HIDDEN:
        contribution_hide(
            contribution=_write(consultation, items, row[:4], contributors), by=facilitator, reason=row[4]
        )
    for row in texts.MOVEMENT_PENDING:
        _write(consultation, items, row, contributors)
    for index, names in texts.MOVEMENT_TAGS.items():
        contribution_tag(contribution=written[index], by=facilitator, names=names)
    # Spread the contributions over the ten days so far, as they came in.
    for n, contribution in enumerate(Contribution.objects.filter(consultation=consultation).order_by("pk")):
        sent = opened + timedelta(days=n % 10, hours=8 + n % 11)
        Contribution.objects.filter(pk=contribution.pk).update(
            submitted_at=sent, published_at=sent + timedelta(hours=3) if contribution.published_at else None
        )

    start = timezone.localtime(now + timedelta(days=12)).replace(hour=17, minute=0, second=0, microsecond=0)
    dialogue = _meeting(
        committee, facilitator, texts.MEETING_DIALOGUE,
        kind=DialogueMeeting.Kind.DIALOGUE, starts=start, hours=2, capacity=20,
    )  # fmt: skip
    for n, person in enumerate(contributors[:17]):
        _register(dialogue, person, needs=["step_free"] if n == 2 else ["dietary"] if n == 5 else [])
    start = timezone.localtime(now + timedelta(days=9)).replace(hour=10, minute=0, second=0, microsecond=0)
    visit = _meeting(
        committee, facilitator, texts.MEETING_VISIT,
        kind=DialogueMeeting.Kind.SITE_VISIT, starts=start, hours=2, capacity=6,
    )  # fmt: skip
    for person in contributors[6:13]:  # six seats and one on the waiting list
        _register(visit, person)
    # Someone with a seat could not come: the first on the waiting list has been offered it.
    cancelled = visit.registrations.filter(user=contributors[6]).get()
    registration_cancel(registration=cancelled, by=contributors[6])


def _youth(people, contributors) -> None:
    committee = TaskCommittee.objects.select_related("mandate").get(mandate__slug=YOUTH)
    facilitator = people["facilitators"][0]
    now = timezone.now()
    consultation = consultation_create(
        committee=committee,
        by=facilitator,
        title=texts.YOUTH_TITLE,
        introduction=texts.YOUTH_INTRO,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=1),
        questions=[Question(title, body) for title, body in texts.YOUTH_QUESTIONS],
    )
    consultation = consultation_publish(consultation=consultation, by=facilitator)
    items = list(consultation.items.order_by("order"))
    for row in texts.YOUTH_CONTRIBUTIONS:
        contribution_approve(contribution=_write(consultation, items, row, contributors), by=facilitator)
    summit = _meeting(
        committee, facilitator, texts.YOUTH_SUMMIT, kind=DialogueMeeting.Kind.WORKSHOP,
        starts=now + timedelta(days=1), hours=3, capacity=40,
    )  # fmt: skip
    for person in contributors[:8]:
        _register(summit, person)

    # The story's dates: six weeks in August and September 2025, the summit in the middle of them.
    opened, closed = _at(date(2025, 8, 18), 8), _at(date(2025, 9, 29), 23)
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_at=opened, ends_at=closed, published_at=opened - timedelta(days=2)
    )
    for n, contribution in enumerate(consultation.contributions.order_by("pk")):
        sent = opened + timedelta(days=3 * n + 1, hours=n % 9)
        Contribution.objects.filter(pk=contribution.pk).update(
            submitted_at=sent, published_at=sent + timedelta(hours=5)
        )
    DialogueMeeting.objects.filter(pk=summit.pk).update(
        starts_at=_at(date(2025, 9, 10), 16), ends_at=_at(date(2025, 9, 10), 19)
    )
    summit.refresh_from_db()
    attendance_record(
        meeting=summit, by=facilitator, present=list(summit.registrations.values_list("pk", flat=True)[:6])
    )
    summary_save(meeting=summit, by=facilitator, summary=texts.YOUTH_SUMMIT["summary"], publish=True)
    consultation.refresh_from_db()
    report_save(
        consultation=consultation,
        by=facilitator,
        summary=texts.YOUTH_HEARD,
        how_used={item.pk: used for item, used in zip(items, texts.YOUTH_USED, strict=True)},
        meeting_ids=[summit.pk],
        publish=True,
    )
    Consultation.objects.filter(pk=consultation.pk).update(report_published_at=_at(date(2025, 10, 20), 10))


@transaction.atomic
def seed_consultations(people) -> list[Consultation]:
    """Once: running the seed again changes nothing."""
    if not Consultation.objects.exists():
        contributors = _contributors()
        _youth(people, contributors)
        _movement(people, contributors)
        for prefix in KEY_PREFIXES:
            notifications_cancel(key_prefix=prefix)
    return list(Consultation.objects.order_by("starts_at"))
