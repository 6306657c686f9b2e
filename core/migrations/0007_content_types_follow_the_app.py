"""The app "pages" became "core": its content types (and so the permissions and the admin's history that
point at them) follow under the new label instead of being made anew. Nothing is dropped."""

from django.db import migrations


def rename(apps, schema_editor, old: str = "pages", new: str = "core") -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    taken = set(ContentType.objects.filter(app_label=new).values_list("model", flat=True))
    ContentType.objects.filter(app_label=old).exclude(model__in=taken).update(app_label=new)


def rename_back(apps, schema_editor) -> None:
    rename(apps, schema_editor, old="core", new="pages")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_accessibility_statement_covers_consultations"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
