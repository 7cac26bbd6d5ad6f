from django.db import migrations

from wpm.roles import ensure_roles

# Staff roles are kept in step with wpm.roles whenever their permissions change.


def update_roles(apps, schema_editor):
    ensure_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [("wpm", "0005_pages"), ("mediators", "0003_expertise_areas")]

    operations = [migrations.RunPython(update_roles, migrations.RunPython.noop)]
