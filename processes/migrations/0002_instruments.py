from django.db import migrations

from processes.taxonomy import ensure_instruments


def seed(apps, schema_editor):
    ensure_instruments(apps.get_model("processes", "Instrument"))


class Migration(migrations.Migration):
    dependencies = [("processes", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
