"""The seed case's youth-policy committee, plus a draft and a freshly adopted mandate."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from committees.memberships import membership_add
from committees.models import Meeting, Membership
from committees.services import committee_ensure, mandate_move
from mandates.models import CompetenceProfile, Mandate, MandateTask, PoliticalBody, ReceivingBody

BODIES = [
    ("Kommunalbestyrelsen", PoliticalBody.Kind.CITY_COUNCIL),
    ("Økonomiudvalget", PoliticalBody.Kind.STANDING_COMMITTEE),
    ("Børne- og Skoleudvalget", PoliticalBody.Kind.STANDING_COMMITTEE),
    ("Kultur-, Unge- og Fritidsudvalget", PoliticalBody.Kind.STANDING_COMMITTEE),
    ("Social- og Sundhedsudvalget", PoliticalBody.Kind.STANDING_COMMITTEE),
    ("Klima-, Miljø- og Teknikudvalget", PoliticalBody.Kind.STANDING_COMMITTEE),
]

YOUTH_PROFILES = [
    ("Elev i udskolingen", "Du går i 8., 9. eller 10. klasse i en af kommunens skoler."),
    ("Gymnasieelev", "Du går på stx og kan fortælle om hverdagen på et gymnasium."),
    ("Elev på en erhvervsuddannelse", "Du er i gang med en erhvervsuddannelse eller et grundforløb."),
    ("Elev på hhx eller htx", "Du går på en handels- eller teknisk gymnasial uddannelse."),
    ("Medlem af et elevråd", "Du sidder i et elevråd og ved, hvordan elever får indflydelse."),
    ("Ung frivillig", "Du er frivillig i en forening, en klub eller en organisation."),
    ("Ung, der er stoppet på en uddannelse", "Du har forladt en uddannelse og kender vejen tilbage."),
    (
        "Ung med erfaring med misbrug",
        "Du har selv haft et misbrug og er kommet videre, og vil dele, hvad der hjalp.",
    ),
    ("Forælder til en ung", "Du er forælder til en ung mellem 13 og 24 år."),
    ("Medarbejder i en ungdomsklub", "Du arbejder med unge i en klub, et fritidstilbud eller på gaden."),
]

YOUTH_TASKS = [
    "Udvalget skal komme med forslag til en ny ungepolitik, der er kort og let at læse.",
    "Udvalget skal komme med forslag til, hvordan unge selv kan være med til at føre politikken ud i livet.",
    "Udvalget skal komme med forslag til, hvordan kommunen følger op på, om politikken virker.",
]


def _bodies() -> dict[str, PoliticalBody]:
    return {
        name: PoliticalBody.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in BODIES
    }


def _route(mandate: Mandate, bodies: dict[str, PoliticalBody], names: list[str]) -> None:
    for order, name in enumerate(names, start=1):
        ReceivingBody.objects.create(mandate=mandate, body=bodies[name], order=order)


def _meetings(committee, first: date, count: int, every_days: int, place: str) -> None:
    tz = timezone.get_current_timezone()
    for number in range(1, count + 1):
        day = first + timedelta(days=every_days * (number - 1))
        starts = datetime.combine(day, time(17, 0), tzinfo=tz)
        Meeting.objects.create(
            committee=committee,
            number=number,
            starts_at=starts,
            ends_at=starts + timedelta(hours=3),
            place=place,
            state=Meeting.State.HELD if starts < timezone.now() else Meeting.State.PLANNED,
        )


def _youth_policy(people, bodies) -> None:
    """Adopted; demo.recruitment opens its call."""
    mandate = Mandate.objects.create(
        title="Ny ungepolitik",
        slug="ny-ungepolitik",
        problem=(
            "Kommunens ungepolitik er skrevet af voksne til unge. Vi ved for lidt om, hvad unge selv "
            "oplever som de store udfordringer: pres i skolen, ensomhed, fællesskaber og fremtid."
        ),
        background=(
            "Kommunalbestyrelsen ønsker en ungepolitik, som unge kan genkende sig selv i. Derfor "
            "nedsættes et opgaveudvalg, hvor unge og politikere arbejder sammen om et forslag."
        ),
        existing_policies="Børne- og ungepolitikken (2012), Sundhedspolitikken, Fritidspolitikken.",
        delivery_kind=Mandate.DeliveryKind.POLICY_PROPOSAL,
        expected_delivery=(
            "Et forslag til en ny ungepolitik på højst fire sider og en plan for, hvordan den præsenteres."
        ),
        starts_on=date(2027, 1, 15),
        ends_on=date(2027, 11, 15),
        adopted_by=bodies["Kommunalbestyrelsen"],
        adopted_on=date(2026, 6, 18),
        adoption_agenda_item="Punkt 12",
    )
    MandateTask.objects.bulk_create(
        MandateTask(mandate=mandate, text=text, order=n) for n, text in enumerate(YOUTH_TASKS, start=1)
    )
    CompetenceProfile.objects.bulk_create(
        CompetenceProfile(mandate=mandate, title=title, description=description, seats=1, order=n)
        for n, (title, description) in enumerate(YOUTH_PROFILES, start=1)
    )
    _route(
        mandate,
        bodies,
        [
            "Kultur-, Unge- og Fritidsudvalget",
            "Børne- og Skoleudvalget",
            "Økonomiudvalget",
            "Kommunalbestyrelsen",
        ],
    )
    committee = committee_ensure(mandate=mandate)
    _meetings(committee, date(2027, 1, 20), count=7, every_days=45, place="Gentofte Rådhus, mødesal 1")
    positions = [Membership.Position.CHAIR, Membership.Position.VICE_CHAIR] + [Membership.Position.MEMBER] * 3
    for politician, position in zip(people["politicians"], positions, strict=True):
        membership_add(
            committee=committee,
            user=politician,
            role=Membership.Role.POLITICIAN,
            position=position,
            by=people["staff"][0],
        )
    for facilitator in people["facilitators"]:
        membership_add(
            committee=committee, user=facilitator, role=Membership.Role.FACILITATOR, by=people["staff"][0]
        )
    mandate_move(
        mandate=mandate,
        to=Mandate.State.ADOPTED,
        by=people["staff"][0],
        note="Vedtaget af Kommunalbestyrelsen 18. juni 2026, punkt 12.",
    )


def _climate(people, bodies) -> None:
    mandate = Mandate.objects.create(
        title="Klimatilpasning i lokalområdet",
        slug="klimatilpasning-i-lokalomraadet",
        problem=(
            "Skybrud oversvømmer kældre og veje. Hvordan kan borgere, grundejere og kommunen "
            "sammen gøre byen klar?"
        ),
        delivery_kind=Mandate.DeliveryKind.ACTION_PLAN,
        starts_on=date(2027, 2, 1),
        ends_on=date(2027, 10, 31),
        adopted_by=bodies["Kommunalbestyrelsen"],
        adopted_on=date(2026, 11, 19),
        adoption_agenda_item="Punkt 7",
    )
    MandateTask.objects.create(
        mandate=mandate,
        text="Udvalget skal komme med forslag til en handleplan for klimatilpasning.",
        order=1,
    )
    CompetenceProfile.objects.bulk_create(
        CompetenceProfile(mandate=mandate, title=title, seats=seats, order=n)
        for n, (title, seats) in enumerate(
            [
                ("Grundejer i et udsat område", 2),
                ("Lejer i en etageejendom", 2),
                ("Erhvervsdrivende", 1),
                ("Ung med interesse for klima", 2),
                ("Medlem af en grundejerforening", 1),
                ("Fagperson inden for vand eller byggeri", 2),
            ],
            start=1,
        )
    )
    _route(mandate, bodies, ["Klima-, Miljø- og Teknikudvalget", "Kommunalbestyrelsen"])
    committee = committee_ensure(mandate=mandate)
    _meetings(committee, date(2027, 2, 15), count=6, every_days=40, place="Gentofte Hovedbibliotek")
    mandate_move(
        mandate=mandate, to=Mandate.State.ADOPTED, by=people["staff"][0], note="Vedtaget 19. november 2026."
    )


def _elderly_draft(bodies) -> None:
    mandate = Mandate.objects.create(
        title="Fællesskaber for ældre",
        slug="faellesskaber-for-aeldre",
        problem=(
            "Mange ældre borgere er ensomme. Hvordan skaber vi fællesskaber, "
            "som ældre selv vil være en del af?"
        ),
        delivery_kind=Mandate.DeliveryKind.STRATEGY,
    )
    CompetenceProfile.objects.create(mandate=mandate, title="Pensionist, der bor alene", seats=2, order=1)
    committee_ensure(mandate=mandate)


@transaction.atomic
def seed_committees(people) -> list[Mandate]:
    bodies = _bodies()
    if not Mandate.objects.filter(slug="ny-ungepolitik").exists():
        _youth_policy(people, bodies)
    if not Mandate.objects.filter(slug="klimatilpasning-i-lokalomraadet").exists():
        _climate(people, bodies)
    if not Mandate.objects.filter(slug="faellesskaber-for-aeldre").exists():
        _elderly_draft(bodies)
    return list(Mandate.objects.order_by("title"))
