from django.db import migrations

from mediators.taxonomy import ensure_expertise_areas

def seed(apps, schema_editor):
    ensure_expertise_areas(apps.get_model("mediators", "ExpertiseArea"))


class Migration(migrations.Migration):
    dependencies = [("mediators", "0002_search_indexes")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
