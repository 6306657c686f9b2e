"""Version 1.1 of the privacy notice: how long an application draft and a session's record live, that evaluation
results are published only once the survey has closed, and that people change their own name and language.

A published version never changes (applications point at it), so this publishes a new one. It does so only
where the first version (0002) is still the one shown; a municipality that has published its own text keeps
it, and staff add these points themselves (README, "Security and privacy")."""

from importlib import import_module

from django.db import migrations
from django.utils import timezone

FIRST = import_module("core.migrations.0002_default_texts")
VERSION = "1.1"

HOW_LONG_DA = """Hvor længe. Oplysninger om ansøgere, der ikke blev udvalgt, anonymiseres, når opbevaringsperioden er udløbet. Oplysninger om medlemmer gemmes, så længe udvalgets arbejde og kommunens journalpligt kræver det."""
HOW_LONG_EN = """How long. Data about applicants who were not selected is anonymised when the retention period ends. Data about members is kept as long as the committee's work and the municipality's record-keeping duty require."""

DRAFTS_DA = """Udkast og sessioner. Udfylder du ansøgningsskemaet, før du er logget ind, gemmer vi det, du har skrevet, i din session, så du ikke mister det, mens du logger ind. Sessionen udløber 30 minutter efter dit seneste besøg, og udløbne sessioner slettes hver nat, så et udkast er væk senest et døgn efter. Det samme gælder den IP-adresse og browser, vi viser dig under "Dine sessioner". For at begrænse misbrug tæller vi forsøg på at logge ind og sende formularer pr. IP-adresse i kort tid (højst ti minutter)."""
DRAFTS_EN = """Drafts and sessions. If you fill in the application form before you sign in, what you typed is kept in your session, so you lose nothing while you sign in. The session ends 30 minutes after your last visit, and ended sessions are deleted every night, so a draft is gone within a day. The same goes for the IP address and browser we show you under "Your sessions". To limit abuse we count attempts to sign in and to send forms per IP address for a short while (ten minutes at most)."""

EVALUATION_DA = """Evaluering. Når et udvalg er afsluttet, kan medlemmerne besvare et anonymt spørgeskema. Vi gemmer, at du har svaret, men ikke sammen med dine svar. Resultaterne offentliggøres først, når spørgeskemaet er lukket, og kun hvis mindst fem medlemmer har svaret, så ingen kan aflæse et enkelt medlems svar."""
EVALUATION_EN = """Evaluation. When a committee has concluded, its members may answer an anonymous survey. We store that you have answered, but not with your answers. The results are published only once the survey has closed, and only if at least five members answered, so no one can read a single member's answers off them."""

RIGHTS_DA = """Dine rettigheder. Du kan se og hente alle oplysninger, vi har om dig, få forkerte oplysninger rettet og gøre indsigelse mod behandlingen. Du kan klage til Datatilsynet (www.datatilsynet.dk)."""
RIGHTS_EN = """Your rights. You can see and download all data we hold about you, have wrong data corrected and object to the processing. You can complain to the Danish Data Protection Agency (www.datatilsynet.dk)."""
OWN_DETAILS_DA = " Dit navn og sproget i dine e-mails retter du selv under \"Dit navn og sprog\", når du er logget ind."
OWN_DETAILS_EN = " You change your name and the language of your emails yourself under \"Your name and language\" when signed in."


def second_version(first: str, how_long: str, drafts: str, evaluation: str, rights: str, own: str) -> str:
    """The first version with the two new paragraphs after "How long" and a sentence in "Your rights"."""
    complain = rights.rindex(". ") + 1  # before the last sentence, the one about complaining
    text = first.replace(how_long, f"{how_long}\n\n{drafts}\n\n{evaluation}")
    return text.replace(rights, rights[:complain] + own + rights[complain:])


PRIVACY_DA = second_version(FIRST.PRIVACY_DA, HOW_LONG_DA, DRAFTS_DA, EVALUATION_DA, RIGHTS_DA, OWN_DETAILS_DA)
PRIVACY_EN = second_version(FIRST.PRIVACY_EN, HOW_LONG_EN, DRAFTS_EN, EVALUATION_EN, RIGHTS_EN, OWN_DETAILS_EN)


def publish_second_version(apps, schema_editor):
    PrivacyNotice = apps.get_model("core", "PrivacyNotice")
    now = timezone.now()
    current = PrivacyNotice.objects.filter(published_at__lte=now).order_by("-published_at").first()
    if current is None or current.body_da != FIRST.PRIVACY_DA or current.body_en != FIRST.PRIVACY_EN:
        return
    if not PrivacyNotice.objects.filter(version=VERSION).exists():
        PrivacyNotice.objects.create(version=VERSION, published_at=now, body_da=PRIVACY_DA, body_en=PRIVACY_EN)


def withdraw_second_version(apps, schema_editor):
    PrivacyNotice = apps.get_model("core", "PrivacyNotice")
    PrivacyNotice.objects.filter(version=VERSION, body_da=PRIVACY_DA, body_en=PRIVACY_EN).delete()


class Migration(migrations.Migration):
    # The app was called "pages"; a database migrated under that name has run this already.
    replaces = [("pages", "0004_privacy_notice_says_how_long_drafts_live")]
    dependencies = [("core", "0003_accessibility_statement_says_what_was_tested")]

    operations = [migrations.RunPython(publish_second_version, withdraw_second_version)]
