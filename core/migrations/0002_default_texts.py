"""A first privacy notice and accessibility statement, for staff to adapt in the admin."""

from django.db import migrations
from django.utils import timezone

PRIVACY_DA = """Kommunen behandler dine personoplysninger, når du opretter en konto, søger om at blive medlem af et opgaveudvalg eller deltager i et udvalgs arbejde.

Retsgrundlag. Behandlingen er nødvendig for at udføre en opgave i samfundets interesse og for at udøve offentlig myndighed (databeskyttelsesforordningens artikel 6, stk. 1, litra e). Opgaveudvalg nedsættes efter kommunestyrelseslovens § 17, stk. 4.

Hvad vi indsamler. Navn, e-mailadresse og sprog for din konto. Når du søger: de profiler du søger, din begrundelse og erfaring, hvilke mødedatoer du kan deltage i, din tilknytning til kommunen (postnummer eller en anden tilknytning), en eventuel organisation og telefonnummer. Køn, aldersgruppe og bydel er frivillige og bruges kun til at sikre en alsidig sammensætning af udvalget.

Hvem ser oplysningerne. Kun udvalgets politikere og faciliterende medarbejdere samt kommunens sekretariat. Hver gang oplysninger om ansøgere trækkes ud, bliver det registreret.

Hvor længe. Oplysninger om ansøgere, der ikke blev udvalgt, anonymiseres, når opbevaringsperioden er udløbet. Oplysninger om medlemmer gemmes, så længe udvalgets arbejde og kommunens journalpligt kræver det.

Dine rettigheder. Du kan se og hente alle oplysninger, vi har om dig, få forkerte oplysninger rettet og gøre indsigelse mod behandlingen. Du kan klage til Datatilsynet (www.datatilsynet.dk).

Kontakt. Kommunens databeskyttelsesrådgiver kan kontaktes via kommunens hovedpostkasse."""

PRIVACY_EN = """The municipality processes your personal data when you create an account, apply to join a task committee or take part in a committee's work.

Legal basis. The processing is necessary for a task carried out in the public interest and in the exercise of official authority (GDPR Article 6(1)(e)). Task committees are set up under section 17(4) of the Danish Local Government Act.

What we collect. Your name, email address and language for your account. When you apply: the profiles you apply for, your motivation and experience, which meeting dates you can attend, your tie to the municipality (postal code or another tie), any organisation and a phone number. Gender, age band and district are optional and used only to give the committee a varied composition.

Who sees it. Only the committee's politicians and facilitating staff and the municipality's secretariat. Every export of applicants' data is logged.

How long. Data about applicants who were not selected is anonymised when the retention period ends. Data about members is kept as long as the committee's work and the municipality's record-keeping duty require.

Your rights. You can see and download all data we hold about you, have wrong data corrected and object to the processing. You can complain to the Danish Data Protection Agency (www.datatilsynet.dk).

Contact. The municipality's data protection officer can be reached through the municipality's main mailbox."""

ACCESSIBILITY_DA = """Kommunen ønsker, at alle kan bruge denne hjemmeside. Siden er lavet efter standarden WCAG 2.1 på niveau AA, som lov om tilgængelighed af offentlige organers websteder og mobilapplikationer kræver.

Siden kan bruges med tastatur alene og med skærmlæser, den kan forstørres uden at miste indhold, og den findes på dansk og engelsk.

Har du mødt en barriere, så skriv til kommunens hovedpostkasse og fortæl, hvilken side det drejer sig om. Du kan også klage til Digitaliseringsstyrelsen."""

ACCESSIBILITY_EN = """The municipality wants everyone to be able to use this website. It is built to WCAG 2.1 level AA, as the Danish act on the accessibility of public sector websites and mobile applications requires.

The site can be used with a keyboard alone and with a screen reader, it can be enlarged without losing content, and it is available in Danish and English.

If you met a barrier, write to the municipality's main mailbox and tell us which page it was. You can also complain to the Danish Agency for Digital Government."""


def create_texts(apps, schema_editor):
    PrivacyNotice = apps.get_model("core", "PrivacyNotice")
    AccessibilityStatement = apps.get_model("core", "AccessibilityStatement")
    if not PrivacyNotice.objects.exists():
        PrivacyNotice.objects.create(
            version="1.0", published_at=timezone.now(), body_da=PRIVACY_DA, body_en=PRIVACY_EN
        )
    if not AccessibilityStatement.objects.exists():
        AccessibilityStatement.objects.create(body_da=ACCESSIBILITY_DA, body_en=ACCESSIBILITY_EN)


class Migration(migrations.Migration):
    # The app was called "pages"; a database migrated under that name has run this already.
    replaces = [("pages", "0002_default_texts")]
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_texts, migrations.RunPython.noop)]
