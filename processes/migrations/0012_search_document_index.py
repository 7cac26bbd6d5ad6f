from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# The search reads the stored document now; the index on the expression it replaces goes
# (0004_search_indexes, whose expression this is).
OLD_INDEX = GinIndex(
    SearchVector("name", weight="A", config="simple")
    + SearchVector("summary", weight="B", config="simple")
    + SearchVector("description", weight="C", config="simple"),
    name="process_search_idx",
)
NEW_INDEX = GinIndex(fields=["search_document"], name="process_search_document_idx")


def swap_indexes(apps, schema_editor):
    """PostgreSQL only, as the index it replaces (0004_search_indexes)."""
    if schema_editor.connection.vendor != "postgresql":
        return
    Process = apps.get_model("processes", "Process")
    schema_editor.remove_index(Process, OLD_INDEX)
    schema_editor.add_index(Process, NEW_INDEX)


def restore_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Process = apps.get_model("processes", "Process")
    schema_editor.remove_index(Process, NEW_INDEX)
    schema_editor.add_index(Process, OLD_INDEX)


class Migration(migrations.Migration):
    dependencies = [("processes", "0011_process_search_document")]

    operations = [migrations.RunPython(swap_indexes, restore_indexes)]
