"""The youth-policy committee's open call, with four applications already in."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from mandates.models import Mandate
from recruitment.applications import ApplicationData, application_submit
from recruitment.calls import call_open
from recruitment.models import Application, Call

INTRO = (
    "Er du ung i Gentofte, eller arbejder du med unge? Vær med til at skrive kommunens nye ungepolitik "
    "sammen med fem politikere. Vi mødes syv gange over ti måneder."
)

# (profile order numbers in preference, gender, age band, district, organisation, motivation)
APPLICANTS = [
    (
        [2, 5],
        "woman",
        "under_18",
        "Hellerup",
        "",
        "Jeg går i 2.g og vil gerne have indflydelse på, hvad unge tilbydes.",
    ),
    ([1], "man", "under_18", "Vangede", "", "Jeg går i 9. klasse, og mange af mine venner er stressede."),
    (
        [6, 2],
        "woman",
        "18_24",
        "Gentofte",
        "Ungdommens Røde Kors",
        "Jeg er frivillig og møder mange ensomme unge.",
    ),
    ([10], "man", "35_49", "Ordrup", "", "Jeg er klubmedarbejder og ser unge, der falder igennem."),
]


@transaction.atomic
def seed_recruitment(people) -> Call | None:
    mandate = Mandate.objects.filter(slug="ny-ungepolitik").first()
    if mandate is None or mandate.calls.exists():
        return None
    now = timezone.now()
    call = Call.objects.create(
        mandate=mandate,
        opens_at=now - timedelta(days=3),
        deadline=now + timedelta(days=14),
        intro=INTRO,
        draw_public_value_source="Lottotallene fra trækningen lørdag efter ansøgningsfristen.",
        # Dyssegård (2870) lies partly in Gentofte: postal codes are data staff keep, not a border.
        eligibility=Call.Eligibility.POSTAL_CODES,
        eligible_postal_codes="2820, 2870, 2900, 2920, 2930",
    )
    call_open(call=call, by=people["staff"][0])
    profiles = {p.order: p.pk for p in mandate.profiles.all()}
    meetings = list(mandate.committee.meetings.values_list("pk", flat=True))
    for citizen, (ranks, gender, age_band, district, organisation, motivation) in zip(
        people["citizens"][1:5], APPLICANTS, strict=True
    ):
        application_submit(
            call=call,
            applicant=citizen,
            data=ApplicationData(
                profile_ids=[profiles[rank] for rank in ranks],
                motivation=motivation,
                available_meeting_ids=meetings,
                tie=Application.Tie.LIVES,
                postal_code="2820",
                organisation=organisation,
                takes_part_as_individual=bool(organisation),
                gender=gender,
                age_band=age_band,
                district=district,
            ),
        )
    return call
