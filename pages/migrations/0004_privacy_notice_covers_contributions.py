"""A new version (1.1) of the default privacy notice that also covers contributions to consultations and
registrations for dialogue meetings. A published version never changes, so this adds one; where staff have
already published their own version, nothing is added and they extend theirs in the admin."""

from importlib import import_module

from django.db import migrations
from django.db.models import ProtectedError
from django.utils import timezone

FIRST = import_module("pages.migrations.0002_default_texts")
VERSION = "1.1"

PRIVACY_DA = """Kommunen behandler dine personoplysninger, når du opretter en konto, søger om at blive medlem af et opgaveudvalg, deltager i et udvalgs arbejde, skriver et bidrag til en høring eller tilmelder dig et dialogmøde.

Retsgrundlag. Behandlingen er nødvendig for at udføre en opgave i samfundets interesse og for at udøve offentlig myndighed (databeskyttelsesforordningens artikel 6, stk. 1, litra e). Opgaveudvalg nedsættes efter kommunestyrelseslovens § 17, stk. 4.

Hvad vi indsamler. Navn, e-mailadresse og sprog for din konto. Når du søger: de profiler du søger, din begrundelse og erfaring, hvilke mødedatoer du kan deltage i, din tilknytning til kommunen (postnummer eller en anden tilknytning), en eventuel organisation og telefonnummer. Køn, aldersgruppe og bydel er frivillige og bruges kun til at sikre en alsidig sammensætning af udvalget.

Høringer. Når du skriver et bidrag til en høring, gemmer vi bidraget, en eventuel PDF-fil, om du skriver som privatperson eller på vegne af en organisation (og i så fald organisationens navn), og om dit navn må vises. Bidraget offentliggøres med dit navn eller uden navn, som du vælger; din e-mailadresse vises aldrig. Du kan ændre eller trække bidraget tilbage, indtil høringen slutter. Udvalgets medlemmer og kommunens sekretariat læser bidragene, og udvalgets faciliterende medarbejdere læser dem, før de offentliggøres, hvis høringen er sat sådan op. Hvert udtræk af bidragene bliver registreret.

Dialogmøder. Når du tilmelder dig et dialogmøde, gemmer vi dit navn, din e-mailadresse og de behov, du selv oplyser for at kunne deltage (for eksempel niveaufri adgang, tolk eller tegnsprog, teleslynge, børnepasning eller kost). Kun udvalgets faciliterende medarbejdere ser behovene, og de bruges kun til at tilrettelægge mødet. Siger et behov noget om dit helbred, behandler vi det på grundlag af dit udtrykkelige samtykke (artikel 9, stk. 2, litra a), som du giver ved selv at oplyse det.

Hvem ser oplysningerne. Kun udvalgets politikere og faciliterende medarbejdere samt kommunens sekretariat. Hver gang oplysninger om ansøgere trækkes ud, bliver det registreret.

Hvor længe. Oplysninger om ansøgere, der ikke blev udvalgt, anonymiseres, når opbevaringsperioden er udløbet. Oplysninger om medlemmer gemmes, så længe udvalgets arbejde og kommunens journalpligt kræver det. Et bidrag, som er skjult ved moderation, mister tekst, fil og navn, når den opbevaringsperiode, sekretariatet har fastsat for høringen, er udløbet (som udgangspunkt 180 dage efter at høringen sluttede); kladder, der aldrig blev sendt, slettes samtidig. Behov oplyst til et dialogmøde slettes 30 dage efter mødet.

Dine rettigheder. Du kan se og hente alle oplysninger, vi har om dig, få forkerte oplysninger rettet og gøre indsigelse mod behandlingen. Du kan klage til Datatilsynet (www.datatilsynet.dk).

Kontakt. Kommunens databeskyttelsesrådgiver kan kontaktes via kommunens hovedpostkasse."""

PRIVACY_EN = """The municipality processes your personal data when you create an account, apply to join a task committee, take part in a committee's work, write a contribution to a consultation or register for a dialogue meeting.

Legal basis. The processing is necessary for a task carried out in the public interest and in the exercise of official authority (GDPR Article 6(1)(e)). Task committees are set up under section 17(4) of the Danish Local Government Act.

What we collect. Your name, email address and language for your account. When you apply: the profiles you apply for, your motivation and experience, which meeting dates you can attend, your tie to the municipality (postal code or another tie), any organisation and a phone number. Gender, age band and district are optional and used only to give the committee a varied composition.

Consultations. When you write a contribution to a consultation, we keep the contribution, any PDF file, whether you write as a private person or on behalf of an organisation (and if so the organisation's name), and whether your name may be shown. The contribution is published with your name or without it, as you choose; your email address is never shown. You can change or withdraw your contribution until the consultation closes. The committee's members and the municipality's secretariat read the contributions, and the committee's facilitators read them before they are published when the consultation is set up that way. Every export of the contributions is logged.

Dialogue meetings. When you register for a dialogue meeting, we keep your name, your email address and the needs you choose to tell us about so you can take part (for example step-free access, an interpreter or sign language, a hearing loop, childcare or dietary needs). Only the committee's facilitators see these needs, and they are used only to plan the meeting. Where a need says something about your health, we process it on the basis of your explicit consent (Article 9(2)(a)), which you give by telling us.

Who sees it. Only the committee's politicians and facilitating staff and the municipality's secretariat. Every export of applicants' data is logged.

How long. Data about applicants who were not selected is anonymised when the retention period ends. Data about members is kept as long as the committee's work and the municipality's record-keeping duty require. A contribution hidden by moderation loses its text, file and name when the retention period the secretariat has set for the consultation ends (180 days after the consultation closed, unless set otherwise); drafts that were never sent are deleted at the same time. Needs given for a dialogue meeting are deleted 30 days after the meeting.

Your rights. You can see and download all data we hold about you, have wrong data corrected and object to the processing. You can complain to the Danish Data Protection Agency (www.datatilsynet.dk).

Contact. The municipality's data protection officer can be reached through the municipality's main mailbox."""


def add_version(apps, schema_editor):
    PrivacyNotice = apps.get_model("pages", "PrivacyNotice")
    newest = PrivacyNotice.objects.order_by("-published_at").first()
    unchanged = newest is not None and (newest.body_da, newest.body_en) == (FIRST.PRIVACY_DA, FIRST.PRIVACY_EN)
    if unchanged and not PrivacyNotice.objects.filter(version=VERSION).exists():
        PrivacyNotice.objects.create(
            version=VERSION, published_at=timezone.now(), body_da=PRIVACY_DA, body_en=PRIVACY_EN
        )


def remove_version(apps, schema_editor):
    PrivacyNotice = apps.get_model("pages", "PrivacyNotice")
    try:
        PrivacyNotice.objects.filter(version=VERSION, body_da=PRIVACY_DA, body_en=PRIVACY_EN).delete()
    except ProtectedError:  # someone consented to it: it stays on record
        pass


class Migration(migrations.Migration):
    dependencies = [("pages", "0003_accessibility_statement_says_what_was_tested")]

    operations = [migrations.RunPython(add_version, remove_version)]
