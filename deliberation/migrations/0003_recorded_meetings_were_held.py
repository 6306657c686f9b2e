"""Meetings recorded before recording marked a meeting held: a planned meeting with a record that has
started was held."""

from django.db import migrations
from django.utils import timezone


def mark_recorded_meetings_held(apps, schema_editor):
    Meeting = apps.get_model("committees", "Meeting")
    Meeting.objects.filter(state="planned", record__isnull=False, starts_at__lte=timezone.now()).update(
        state="held"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("deliberation", "0002_evaluation_survey"),
        ("committees", "0003_follower"),
    ]

    operations = [migrations.RunPython(mark_recorded_meetings_held, migrations.RunPython.noop)]
