"""The evaluation survey gets a closing date; results are published only after it. Committees that had
already concluded get a survey that closes 30 days from now, like a new one."""

from datetime import timedelta

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

CONCLUDED = ("endorsed", "rejected", "implementing", "closed")


def open_surveys_of_concluded_committees(apps, schema_editor):
    Mandate = apps.get_model("mandates", "Mandate")
    EvaluationSurvey = apps.get_model("deliberation", "EvaluationSurvey")
    closes_at = timezone.now() + timedelta(days=30)
    for mandate in Mandate.objects.filter(state__in=CONCLUDED, evaluation_survey__isnull=True):
        EvaluationSurvey.objects.create(mandate=mandate, closes_at=closes_at)


class Migration(migrations.Migration):

    dependencies = [
        ('deliberation', '0001_initial'),
        ('mandates', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='EvaluationSurvey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('opened_at', models.DateTimeField(auto_now_add=True, verbose_name='opened at')),
                ('closes_at', models.DateTimeField(help_text='Members answer until then; the results are published after it. It can be moved until it has passed, never after.', verbose_name='closes at')),
                ('mandate', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='evaluation_survey', to='mandates.mandate')),
            ],
            options={
                'verbose_name': 'evaluation survey',
                'verbose_name_plural': 'evaluation surveys',
                'ordering': ['-opened_at'],
            },
        ),
        migrations.RunPython(open_surveys_of_concluded_committees, migrations.RunPython.noop),
    ]
