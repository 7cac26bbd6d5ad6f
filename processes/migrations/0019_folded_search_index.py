from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

# The search document's index, dropped with the column 0018_folded_search_vectors replaced
# (PostgreSQL only, as in 0012_search_document_index).
INDEX = GinIndex(fields=["search_document"], name="process_search_document_idx")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("processes", "Process"), INDEX)


class Migration(migrations.Migration):
    dependencies = [("processes", "0018_folded_search_vectors")]

    # Reversed, the column goes, and its index with it.
    operations = [migrations.RunPython(create_index, migrations.RunPython.noop)]
