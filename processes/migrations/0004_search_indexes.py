from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# The expression must stay the one processes.models.SEARCH_VECTOR builds, or the planner
# cannot use the index for the catalogue's search.
SEARCH_VECTOR = (
    SearchVector("name", weight="A", config="simple")
    + SearchVector("summary", weight="B", config="simple")
    + SearchVector("description", weight="C", config="simple")
)
INDEXES = [
    GinIndex(SEARCH_VECTOR, name="process_search_idx"),
    GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="process_name_trigram_idx"),
]


def create_indexes(apps, schema_editor):
    """PostgreSQL only: the catalogue's full-text search and its typo-tolerant fallback."""
    if schema_editor.connection.vendor != "postgresql":
        return
    Process = apps.get_model("processes", "Process")
    for index in INDEXES:
        schema_editor.add_index(Process, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    Process = apps.get_model("processes", "Process")
    for index in INDEXES:
        schema_editor.remove_index(Process, index)


class Migration(migrations.Migration):
    dependencies = [("processes", "0003_figure_belongs_to_one")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
