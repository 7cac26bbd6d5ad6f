from django.db import migrations, models
from django.db.models import F


def published_when_created(apps, schema_editor):
    """Processes already public were published, as far as anyone can tell, when created."""
    process = apps.get_model("processes", "Process")
    process.objects.filter(status="published").update(published_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("processes", "0014_agreement_facets_idx"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalprocess",
            name="published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="published"
            ),
        ),
        migrations.AddField(
            model_name="process",
            name="published_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="published"
            ),
        ),
        migrations.RunPython(published_when_created, migrations.RunPython.noop),
    ]
