"""The accessibility statement says what was tested, how, and what was not (the Danish web accessibility act
asks a statement to be honest about both). A statement staff have already edited is left as they wrote it."""

from importlib import import_module

from django.db import migrations

FIRST = import_module("core.migrations.0002_default_texts")

ACCESSIBILITY_DA = """Kommunen ønsker, at alle kan bruge denne hjemmeside. Siden er lavet efter standarden WCAG 2.1 på niveau A og AA, som lov om tilgængelighed af offentlige organers websteder og mobilapplikationer kræver. Den findes på dansk og engelsk.

Sådan har vi testet. Hver gang koden ændres, åbner en automatisk test alle sider i browseren Chromium (version 156, Debians pakke) og kontrollerer dem med testværktøjet axe-core 4.14.1 mod alle regler for WCAG 2.1 A og AA. Det gælder forsiden, udvalgene og deres filtre, opslag, plakater og kommissorier, ansøgningsskemaet, dine ansøgninger og invitationer, mødesider, referater, udvalgets forslag med versioner og ændringsforslag, fremdrift og evaluering, siderne til login og din konto samt de administrationssider, kommunens medarbejdere bruger. Hver side testes på dansk og på engelsk og set som besøgende, borger, udvalgsmedlem, politiker, facilitator og medarbejder. Testen godkender kun en side uden fejl.

Testen udfylder også ansøgningsskemaet med tastaturet alene (Tab, Shift+Tab, mellemrum, Enter, piletaster og skrift), og den kontrollerer, at linket "Gå til hovedindhold" virker, og at man altid kan se, hvor man er på siden. Har en formular fejl, vises en oversigt øverst, som får fokus: hver fejl er et link til sit felt, fejlen er knyttet til feltet, og det, du har skrevet, bliver stående.

Det har vi ikke testet. Siden er ikke afprøvet af brugere med skærmlæser eller andre hjælpemidler, og en tilgængelighedsekspert har ikke gennemgået den manuelt. Automatiske test finder kun en del af de mulige barrierer; de kan for eksempel ikke vurdere, om en tekst er let at forstå. Dokumenter (PDF), som lægges på siden, er ikke testet.

Har du mødt en barriere, så skriv til kommunens hovedpostkasse og fortæl, hvilken side det drejer sig om, og hvad der skete. Du kan også klage til Digitaliseringsstyrelsen."""

ACCESSIBILITY_EN = """The municipality wants everyone to be able to use this website. It is built to WCAG 2.1 levels A and AA, as the Danish act on the accessibility of public sector websites and mobile applications requires. It is available in Danish and English.

How we tested. Every time the code changes, an automatic test opens every page in the Chromium browser (version 156, Debian's package) and checks it with the testing tool axe-core 4.14.1 against every WCAG 2.1 A and AA rule. That covers the front page, the committees and their filters, calls, posters and mandates, the application form, your applications and invitations, meeting pages, meeting records, the committee's proposal with its versions and amendments, progress and evaluation, the pages for signing in and for your account, and the administration pages council staff use. Every page is tested in Danish and in English, as seen by a visitor, a citizen, a committee member, a politician, a facilitator and council staff. The test passes a page only with no violation at all.

The test also fills in the application form with the keyboard alone (Tab, Shift+Tab, Space, Enter, the arrow keys and typing), and it checks that the "Skip to main content" link works and that you can always see where you are on the page. When a form has errors, a summary at the top takes focus: each error is a link to its field, the error is tied to the field, and what you typed is kept.

What we have not tested. The site has not been tried by people using screen readers or other assistive technology, and no accessibility expert has audited it by hand. Automatic tests find only some of the possible barriers; they cannot judge, for example, whether a text is easy to understand. Documents (PDF) put on the site are not tested.

If you met a barrier, write to the municipality's main mailbox and tell us which page it was and what happened. You can also complain to the Danish Agency for Digital Government."""


def update_statement(apps, schema_editor):
    AccessibilityStatement = apps.get_model("core", "AccessibilityStatement")
    AccessibilityStatement.objects.filter(
        body_da=FIRST.ACCESSIBILITY_DA, body_en=FIRST.ACCESSIBILITY_EN
    ).update(body_da=ACCESSIBILITY_DA, body_en=ACCESSIBILITY_EN)


def restore_statement(apps, schema_editor):
    AccessibilityStatement = apps.get_model("core", "AccessibilityStatement")
    AccessibilityStatement.objects.filter(body_da=ACCESSIBILITY_DA, body_en=ACCESSIBILITY_EN).update(
        body_da=FIRST.ACCESSIBILITY_DA, body_en=FIRST.ACCESSIBILITY_EN
    )


class Migration(migrations.Migration):
    # The app was called "pages"; a database migrated under that name has run this already.
    replaces = [("pages", "0003_accessibility_statement_says_what_was_tested")]
    dependencies = [("core", "0002_default_texts")]

    operations = [migrations.RunPython(update_statement, restore_statement)]
