"""The accessibility statement names the consultations, contributions and dialogue meetings among the pages
tested. A statement staff have edited is left as they wrote it."""

from importlib import import_module

from django.db import migrations

TESTED = import_module("core.migrations.0003_accessibility_statement_says_what_was_tested")

BEFORE_DA = "fremdrift og evaluering, siderne til login"
AFTER_DA = "fremdrift og evaluering, høringer med bidrag og moderation, dialogmøder med tilmelding og deltagerlister, siderne til login"
BEFORE_EN = "progress and evaluation, the pages for signing in"
AFTER_EN = "progress and evaluation, consultations with their contributions and moderation, dialogue meetings with registration and participant lists, the pages for signing in"

ACCESSIBILITY_DA = TESTED.ACCESSIBILITY_DA.replace(BEFORE_DA, AFTER_DA)
ACCESSIBILITY_EN = TESTED.ACCESSIBILITY_EN.replace(BEFORE_EN, AFTER_EN)
assert ACCESSIBILITY_DA != TESTED.ACCESSIBILITY_DA and ACCESSIBILITY_EN != TESTED.ACCESSIBILITY_EN


def update_statement(apps, schema_editor):
    AccessibilityStatement = apps.get_model("core", "AccessibilityStatement")
    AccessibilityStatement.objects.filter(
        body_da=TESTED.ACCESSIBILITY_DA, body_en=TESTED.ACCESSIBILITY_EN
    ).update(body_da=ACCESSIBILITY_DA, body_en=ACCESSIBILITY_EN)


def restore_statement(apps, schema_editor):
    AccessibilityStatement = apps.get_model("core", "AccessibilityStatement")
    AccessibilityStatement.objects.filter(body_da=ACCESSIBILITY_DA, body_en=ACCESSIBILITY_EN).update(
        body_da=TESTED.ACCESSIBILITY_DA, body_en=TESTED.ACCESSIBILITY_EN
    )


class Migration(migrations.Migration):
    # The app was called "pages"; a database migrated under that name has run this already.
    replaces = [("pages", "0006_accessibility_statement_covers_consultations")]
    dependencies = [("core", "0005_privacy_notice_covers_contributions")]

    operations = [migrations.RunPython(update_statement, restore_statement)]
