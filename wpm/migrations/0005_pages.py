from django.db import migrations

from wpm.pages import ensure_pages


def create_pages(apps, schema_editor):
    ensure_pages(apps.get_model("wpm", "Page"))


class Migration(migrations.Migration):
    # 0004_privacy_consent already follows 0003_roles; depending on it keeps a single leaf.
    dependencies = [("wpm", "0004_privacy_consent")]

    # Reversing leaves the pages in place: by then they may hold staff edits.
    operations = [migrations.RunPython(create_pages, migrations.RunPython.noop)]
