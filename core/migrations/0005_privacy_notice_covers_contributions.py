"""Version 1.2 of the privacy notice: version 1.1 with contributions to consultations and registrations for
dialogue meetings added (what is kept, who sees it, how long).

A published version never changes (applications and contributions point at it), so this publishes a new one,
and only where version 1.1 (0004) is still the one shown; a municipality that has published its own text keeps
it and extends it in the admin."""

from importlib import import_module

from django.db import migrations
from django.db.models import ProtectedError
from django.utils import timezone

FIRST = import_module("core.migrations.0002_default_texts")
SECOND = import_module("core.migrations.0004_privacy_notice_says_how_long_drafts_live")
VERSION = "1.2"

OPENING_DA = """Kommunen behandler dine personoplysninger, når du opretter en konto, søger om at blive medlem af et opgaveudvalg, deltager i et udvalgs arbejde, skriver et bidrag til en høring eller tilmelder dig et dialogmøde."""
OPENING_EN = """The municipality processes your personal data when you create an account, apply to join a task committee, take part in a committee's work, write a contribution to a consultation or register for a dialogue meeting."""

CONSULTATIONS_DA = """Høringer. Når du skriver et bidrag til en høring, gemmer vi bidraget, en eventuel PDF-fil, om du skriver som privatperson eller på vegne af en organisation (og i så fald organisationens navn), og om dit navn må vises. Bidraget offentliggøres med dit navn eller uden navn, som du vælger; din e-mailadresse vises aldrig. Du kan ændre eller trække bidraget tilbage, indtil høringen slutter. Udvalgets medlemmer og kommunens sekretariat læser bidragene, og udvalgets faciliterende medarbejdere læser dem, før de offentliggøres, hvis høringen er sat sådan op. Hvert udtræk af bidragene bliver registreret."""
CONSULTATIONS_EN = """Consultations. When you write a contribution to a consultation, we keep the contribution, any PDF file, whether you write as a private person or on behalf of an organisation (and if so the organisation's name), and whether your name may be shown. The contribution is published with your name or without it, as you choose; your email address is never shown. You can change or withdraw your contribution until the consultation closes. The committee's members and the municipality's secretariat read the contributions, and the committee's facilitators read them before they are published when the consultation is set up that way. Every export of the contributions is logged."""

DIALOGUE_DA = """Dialogmøder. Når du tilmelder dig et dialogmøde, gemmer vi dit navn, din e-mailadresse og de behov, du selv oplyser for at kunne deltage (for eksempel niveaufri adgang, tolk eller tegnsprog, teleslynge, børnepasning eller kost). Kun udvalgets faciliterende medarbejdere ser behovene, og de bruges kun til at tilrettelægge mødet. Siger et behov noget om dit helbred, behandler vi det på grundlag af dit udtrykkelige samtykke (artikel 9, stk. 2, litra a), som du giver ved selv at oplyse det."""
DIALOGUE_EN = """Dialogue meetings. When you register for a dialogue meeting, we keep your name, your email address and the needs you choose to tell us about so you can take part (for example step-free access, an interpreter or sign language, a hearing loop, childcare or dietary needs). Only the committee's facilitators see these needs, and they are used only to plan the meeting. Where a need says something about your health, we process it on the basis of your explicit consent (Article 9(2)(a)), which you give by telling us."""

HOW_LONG_MORE_DA = """ Et bidrag, som er skjult ved moderation, mister tekst, fil og navn, når den opbevaringsperiode, sekretariatet har fastsat for høringen, er udløbet (som udgangspunkt 180 dage efter at høringen sluttede); kladder, der aldrig blev sendt, slettes samtidig. Behov oplyst til et dialogmøde slettes 30 dage efter mødet."""
HOW_LONG_MORE_EN = """ A contribution hidden by moderation loses its text, file and name when the retention period the secretariat has set for the consultation ends (180 days after the consultation closed, unless set otherwise); drafts that were never sent are deleted at the same time. Needs given for a dialogue meeting are deleted 30 days after the meeting."""


def third_version(
    second: str, first: str, opening: str, consulting: str, dialogue: str, how_long: str, more: str
) -> str:
    """The second version with a new opening sentence, two paragraphs after "What we collect" and two more
    sentences in "How long"."""
    first_opening, _, _ = first.partition("\n\n")
    collect = first.split("\n\n")[2]
    text = second.replace(first_opening, opening, 1)
    text = text.replace(collect, f"{collect}\n\n{consulting}\n\n{dialogue}", 1)
    return text.replace(how_long, how_long + more, 1)


PRIVACY_DA = third_version(
    SECOND.PRIVACY_DA,
    FIRST.PRIVACY_DA,
    OPENING_DA,
    CONSULTATIONS_DA,
    DIALOGUE_DA,
    SECOND.HOW_LONG_DA,
    HOW_LONG_MORE_DA,
)
PRIVACY_EN = third_version(
    SECOND.PRIVACY_EN,
    FIRST.PRIVACY_EN,
    OPENING_EN,
    CONSULTATIONS_EN,
    DIALOGUE_EN,
    SECOND.HOW_LONG_EN,
    HOW_LONG_MORE_EN,
)


def add_version(apps, schema_editor):
    PrivacyNotice = apps.get_model("core", "PrivacyNotice")
    newest = PrivacyNotice.objects.order_by("-published_at").first()
    unchanged = newest is not None and (newest.body_da, newest.body_en) == (
        SECOND.PRIVACY_DA,
        SECOND.PRIVACY_EN,
    )
    if unchanged and not PrivacyNotice.objects.filter(version=VERSION).exists():
        PrivacyNotice.objects.create(
            version=VERSION, published_at=timezone.now(), body_da=PRIVACY_DA, body_en=PRIVACY_EN
        )


def remove_version(apps, schema_editor):
    PrivacyNotice = apps.get_model("core", "PrivacyNotice")
    try:
        PrivacyNotice.objects.filter(version=VERSION, body_da=PRIVACY_DA, body_en=PRIVACY_EN).delete()
    except ProtectedError:  # someone consented to it: it stays on record
        pass


class Migration(migrations.Migration):
    # The app was called "pages"; a database migrated under that name has run this already.
    replaces = [("pages", "0005_privacy_notice_covers_contributions")]
    dependencies = [("core", "0004_privacy_notice_says_how_long_drafts_live")]

    operations = [migrations.RunPython(add_version, remove_version)]
