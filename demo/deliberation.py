"""Two more committees for the demo: last year's youth committee, carried all the way from mandate to
implementation and evaluation, and a movement committee that is half-way through its meetings.

Each committee is created once: running the seed again changes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from committees.memberships import membership_add
from committees.models import Meeting, Membership, TaskCommittee
from committees.services import committee_ensure, mandate_move, meeting_mark_held
from deliberation.deliverables.review import (
    amendment_decide,
    amendment_propose,
    council_decision_record,
    review_step_record,
)
from deliberation.deliverables.services import deliverable_for, deliverable_submit, version_save
from deliberation.follow_up.evaluation import evaluation_answer, evaluation_closing_set, evaluation_invite
from deliberation.follow_up.implementation import action_add, progress_update
from deliberation.follow_up.survey_selectors import survey_of
from deliberation.models import (
    Amendment,
    CouncilDecision,
    Deliverable,
    DeliverableVersion,
    EvaluationAnswer,
    MeetingRecord,
    ReviewStep,
)
from deliberation.records.services import record_save, summary_publish
from demo.committees import YOUTH_PROFILES, _bodies
from mandates.models import CompetenceProfile, Mandate, MandateTask, MandateTransition, ReceivingBody

S = Mandate.State
KUF = "Kultur-, Unge- og Fritidsudvalget"
COUNCIL = "Kommunalbestyrelsen"

SUMMARIES = [
    "Udvalget aftalte arbejdsformen. Unge og politikere skrev hver tre ønsker til politikken.",
    "Oplæg om frafald. Udvalget valgte fire temaer: trivsel, fællesskaber, uddannelse og indflydelse.",
    "Gruppearbejde om trivsel og pres. Forslag om åbne klubtilbud om aftenen blev lagt til idébanken.",
    "Besøg i tre ungdomsklubber. Udvalget drøftede, hvordan unge selv kan føre politikken ud i livet.",
    "Første udkast til politikken blev læst igennem; afsnittet om indflydelse skrives om.",
    "Andet udkast blev godkendt af udvalget med få rettelser. Aftale om præsentation for fagudvalget.",
    "Afsluttende møde: udvalget afleverede forslaget og evaluerede forløbet.",
]

SECTIONS_V1 = [
    {
        "key": "vision",
        "heading": "Vision",
        "body": "Alle unge i Gentofte skal have et fællesskab og en vej frem.",
    },
    {"key": "trivsel", "heading": "Trivsel", "body": "Kommunen skal tage presset på unge alvorligt."},
    {
        "key": "indflydelse",
        "heading": "Indflydelse",
        "body": "Unge skal høres, før der besluttes noget om dem.",
    },
]
SECTIONS_V2 = [
    {
        "key": "vision",
        "heading": "Vision",
        "body": "Alle unge i Gentofte skal have mindst ét fællesskab, de føler sig hjemme i, og en vej frem.",
    },
    {
        "key": "trivsel",
        "heading": "Trivsel",
        "body": "Kommunen skal tage presset på unge alvorligt og tilbyde samtaler uden ventetid.",
    },
    {
        "key": "indflydelse",
        "heading": "Indflydelse",
        "body": "Unge skal høres, før der besluttes noget om dem, og et ungeråd skal følge politikken.",
    },
]
ACCEPTED_TEXT = (
    "Kommunen skal tage presset på unge alvorligt og tilbyde samtaler uden ventetid inden for en uge."
)

ACTIONS = [
    ("Åbne klubtilbud om aftenen i tre bydele", "Kultur, Unge og Fritid", date(2026, 12, 31), 30),
    ("Samtaler uden ventetid for unge under pres", "Børn og Unge, Sundhedsplejen", date(2026, 9, 30), 60),
    ("Nedsættelse af et ungeråd", "Borgmesterens Afdeling", date(2026, 6, 30), 100),
]
UPDATES = {
    30: "Lokaler er fundet i Vangede og Hellerup; personale ansættes i efteråret.",
    60: "Ordningen kører på to af tre skoler; den sidste følger efter jul.",
    100: "Ungerådet er valgt og holdt sit første møde.",
}
# Six anonymous answers: (learned, ideas_used, politicians_listened, would_again, more_interested).
ANSWERS = [
    (5, 4, 4, 5, 4),
    (4, 3, 5, 5, 3),
    (5, 4, 4, 4, 5),
    (3, 2, 3, 4, 3),
    (4, 4, 5, 5, 4),
    (5, 3, 4, 5, 5),
]


def _at(day: date, hour: int = 17) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


def _dated(rows: QuerySet, **fields) -> None:
    """The demo's history happened in the past: the services wrote these rows now, so date them when
    they happened."""
    rows.update(**fields)


def _walk(mandate: Mandate, by, steps: list[tuple[str, date, str]]) -> None:
    """Move the mandate step by step, and date each recorded move when it happened."""
    for to, day, note in steps:
        transition = mandate_move(mandate=mandate, to=to, by=by, note=note)
        MandateTransition.objects.filter(pk=transition.pk).update(at=_at(day, 12))


def _members(committee: TaskCommittee, people, joined_on: date) -> list[Membership]:
    """The committee's seats, given by staff on the mandate page (the trail says so)."""
    by = people["staff"][0]
    positions = [Membership.Position.CHAIR, Membership.Position.VICE_CHAIR] + [Membership.Position.MEMBER] * 3
    seats = [
        {"user": p, "role": Membership.Role.POLITICIAN, "position": pos}
        for p, pos in zip(people["politicians"], positions, strict=True)
    ]
    seats += [{"user": f, "role": Membership.Role.FACILITATOR} for f in people["facilitators"]]
    profiles = list(committee.mandate.profiles.order_by("order"))
    seats += [
        {
            "user": citizen,
            "role": Membership.Role.CITIZEN,
            "profile": profiles[n % len(profiles)],
            "show_name_publicly": n % 2 == 0,
        }
        for n, citizen in enumerate(people["citizens"])
    ]
    return [membership_add(committee=committee, joined_on=joined_on, by=by, **seat) for seat in seats]


def _finished_youth(people, bodies) -> None:
    staff = people["staff"][0]
    mandate = Mandate.objects.create(
        title="Ungepolitik 2025",
        slug="ungepolitik-2025",
        problem=(
            "Unge i Gentofte oplever pres, ensomhed og for lidt indflydelse på de tilbud, der er til dem. "
            "Den gamle ungepolitik var skrevet af voksne."
        ),
        background="Det første opgaveudvalg om unge; forslaget blev vedtaget af Kommunalbestyrelsen i 2026.",
        delivery_kind=Mandate.DeliveryKind.POLICY_PROPOSAL,
        expected_delivery="Et forslag til en ny ungepolitik på højst fire sider.",
        starts_on=date(2025, 3, 1),
        ends_on=date(2025, 12, 15),
        adopted_by=bodies[COUNCIL],
        adopted_on=date(2025, 1, 30),
        adoption_agenda_item="Punkt 9",
    )
    MandateTask.objects.create(
        mandate=mandate, text="Udvalget skal komme med forslag til en ny ungepolitik.", order=1
    )
    CompetenceProfile.objects.bulk_create(
        CompetenceProfile(mandate=mandate, title=title, description=description, seats=1, order=n)
        for n, (title, description) in enumerate(YOUTH_PROFILES, start=1)
    )
    route = [
        ReceivingBody.objects.create(mandate=mandate, body=bodies[name], order=n)
        for n, name in enumerate([KUF, COUNCIL], start=1)
    ]
    committee = TaskCommittee.objects.create(mandate=mandate, name="Ny ungepolitik 2025")
    members = _members(committee, people, joined_on=date(2025, 3, 1))
    meetings = [
        Meeting.objects.create(
            committee=committee,
            number=n,
            starts_at=_at(date(2025, 3, 10) + timedelta(days=40 * (n - 1))),
            ends_at=_at(date(2025, 3, 10) + timedelta(days=40 * (n - 1)), 20),
            place="Gentofte Rådhus, mødesal 1",
        )
        for n in range(1, 8)
    ]
    facilitator = people["facilitators"][0]
    _walk(
        mandate,
        staff,
        [
            (S.ADOPTED, date(2025, 1, 30), "Vedtaget af Kommunalbestyrelsen 30. januar 2025, punkt 9."),
            (S.RECRUITING, date(2025, 2, 1), "Opslaget er offentliggjort."),
            (S.MATCHING, date(2025, 2, 15), "Ansøgningsfristen er udløbet."),
            (S.ACTIVE, date(2025, 2, 26), "Udvalget er sammensat."),
        ],
    )
    present = [membership.pk for membership in members]
    for meeting, summary in zip(meetings, SUMMARIES, strict=True):
        record_save(
            meeting=meeting,
            by=facilitator,
            present_ids=present,
            internal_notes="Interne noter: kun for udvalgets medlemmer.",
            decisions=summary,
            ideas="",
            summary=summary,
        )
        summary_publish(meeting=meeting, by=facilitator)
        _dated(
            MeetingRecord.objects.filter(meeting=meeting),
            summary_published_at=meeting.ends_at + timedelta(days=3),
        )

    deliverable = deliverable_for(committee=committee)
    first = version_save(
        deliverable=deliverable, by=facilitator, title="Forslag til ungepolitik", sections=SECTIONS_V1
    )
    submitted = version_save(
        deliverable=deliverable, by=facilitator, title="Ungepolitik 2025", sections=SECTIONS_V2
    )
    _dated(DeliverableVersion.objects.filter(pk=first.pk), created_at=_at(date(2025, 9, 20)))
    _dated(DeliverableVersion.objects.filter(pk=submitted.pk), created_at=_at(date(2025, 11, 10)))
    deliverable = deliverable_submit(deliverable=deliverable, by=facilitator)
    _dated(Deliverable.objects.filter(pk=deliverable.pk), submitted_at=_at(date(2025, 12, 1), 10))
    _dated(mandate.transitions.filter(to_state=S.DELIVERED), at=_at(date(2025, 12, 1), 12))

    review_step_record(
        deliverable=deliverable,
        route_entry=route[0],
        meeting_date=date(2026, 1, 13),
        agenda_item="Punkt 4",
        outcome=ReviewStep.Outcome.RECOMMENDS,
        text="Kultur-, Unge- og Fritidsudvalget anbefaler forslaget over for Kommunalbestyrelsen.",
        by=staff,
    )
    _dated(mandate.transitions.filter(to_state=S.IN_REVIEW), at=_at(date(2026, 1, 13), 12))
    accepted = amendment_propose(
        deliverable=deliverable,
        section_key=submitted.sections[1]["key"],
        proposed_text=ACCEPTED_TEXT,
        reason="En fast frist gør løftet til at følge op på.",
        by=people["politicians"][2],
    )
    rejected = amendment_propose(
        deliverable=deliverable,
        section_key=submitted.sections[2]["key"],
        proposed_text="Unge skal høres, før der besluttes noget om dem.",
        reason="Et ungeråd bør besluttes for sig.",
        by=people["politicians"][3],
    )
    amendment_decide(amendment=accepted, state=Amendment.State.ACCEPTED, by=staff)
    amendment_decide(amendment=rejected, state=Amendment.State.REJECTED, by=staff)
    _dated(Amendment.objects.filter(deliverable=deliverable), decided_at=_at(date(2026, 1, 29), 19))
    review_step_record(
        deliverable=deliverable,
        route_entry=route[1],
        meeting_date=date(2026, 1, 29),
        agenda_item="Punkt 11",
        outcome=ReviewStep.Outcome.APPROVES,
        text="Kommunalbestyrelsen godkendte forslaget med en ændring.",
        by=staff,
    )
    council_decision_record(
        deliverable=deliverable,
        outcome=CouncilDecision.Outcome.ENDORSED_WITH_AMENDMENTS,
        votes_for=21,
        votes_against=4,
        votes_abstaining=2,
        decided_on=date(2026, 1, 29),
        agenda_item="Punkt 11",
        remarks="Godkendt med ændringsforslaget om samtaler inden for en uge.",
        by=staff,
    )
    _dated(mandate.transitions.filter(to_state=S.ENDORSED), at=_at(date(2026, 1, 29), 12))
    _walk(
        mandate,
        staff,
        [(S.IMPLEMENTING, date(2026, 2, 15), "Forvaltningen har lagt en plan for gennemførelsen.")],
    )

    for (title, unit, due_on, progress), month in zip(ACTIONS, (4, 5, 6), strict=True):
        action = action_add(mandate=mandate, title=title, responsible_unit=unit, due_on=due_on, by=staff)
        if progress == 100:
            progress_update(
                action=action,
                on=date(2026, 3, 1),
                text="Valget til ungerådet er planlagt.",
                progress=40,
                by=staff,
            )
        progress_update(
            action=action, on=date(2026, month, 15), text=UPDATES[progress], progress=progress, by=staff
        )

    evaluation_invite(mandate=mandate, by=staff)
    for person, scores in zip(people["citizens"], ANSWERS, strict=True):
        answers = dict(zip(EvaluationAnswer.STATEMENTS, scores, strict=True))
        evaluation_answer(mandate=mandate, user=person, answers=answers, free_text="")
    # The survey has closed (staff closed it), so its results are published on the committee page.
    evaluation_closing_set(survey=survey_of(mandate), closes_at=timezone.now(), by=staff)


def _movement(people, bodies) -> None:
    """Active, two meetings held and four planned; no deliverable yet."""
    mandate = Mandate.objects.create(
        title="Bevægelse i hverdagen",
        slug="bevaegelse-i-hverdagen",
        problem="Hver tredje voksne bevæger sig for lidt. Hvordan gør vi det let at bevæge sig i hverdagen?",
        delivery_kind=Mandate.DeliveryKind.INITIATIVE,
        expected_delivery="Forslag til tre initiativer, der kan afprøves i 2027.",
        starts_on=date(2026, 9, 1),
        ends_on=date(2027, 5, 31),
        adopted_by=bodies[COUNCIL],
        adopted_on=date(2026, 6, 18),
        adoption_agenda_item="Punkt 14",
    )
    MandateTask.objects.create(
        mandate=mandate, text="Udvalget skal foreslå initiativer, der får flere til at bevæge sig.", order=1
    )
    CompetenceProfile.objects.bulk_create(
        CompetenceProfile(mandate=mandate, title=title, seats=2, order=n)
        for n, title in enumerate(
            ["Motionist", "Borger, der gerne vil i gang", "Medlem af en idrætsforening"], start=1
        )
    )
    for n, name in enumerate(["Social- og Sundhedsudvalget", COUNCIL], start=1):
        ReceivingBody.objects.create(mandate=mandate, body=bodies[name], order=n)
    committee = committee_ensure(mandate=mandate)
    now = timezone.now()
    for n in range(1, 7):
        starts = _at(date(2026, 9, 15) + timedelta(days=42 * (n - 1)))
        Meeting.objects.create(
            committee=committee,
            number=n,
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            place="Gentofte Sportspark, mødelokalet",
        )
    _members(committee, people, joined_on=date(2026, 8, 28))
    for meeting in committee.meetings.filter(starts_at__lt=now):
        meeting_mark_held(meeting=meeting, by=people["facilitators"][0])
    _walk(
        mandate,
        people["staff"][0],
        [
            (S.ADOPTED, date(2026, 6, 18), "Vedtaget af Kommunalbestyrelsen 18. juni 2026, punkt 14."),
            (S.RECRUITING, date(2026, 6, 20), "Opslaget er offentliggjort."),
            (S.MATCHING, date(2026, 8, 10), "Ansøgningsfristen er udløbet."),
            (S.ACTIVE, date(2026, 8, 28), "Udvalget er sammensat."),
        ],
    )


@transaction.atomic
def seed_deliberation(people) -> list[Mandate]:
    bodies = _bodies()
    if not Mandate.objects.filter(slug="ungepolitik-2025").exists():
        _finished_youth(people, bodies)
    if not Mandate.objects.filter(slug="bevaegelse-i-hverdagen").exists():
        _movement(people, bodies)
    return list(Mandate.objects.filter(slug__in=["ungepolitik-2025", "bevaegelse-i-hverdagen"]))
