from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

# The processes' stored vectors in the search configuration that folds accents
# (wpm 0015_folded_search), in three steps: 0018_folded_search_vectors computes them anew (a
# generated column cannot change its expression, so each is dropped and added again, and the
# search document's index goes with it); 0019_folded_search_index gives the index back
# (0012_search_document_index). Reversed, this step gives the old column back its index.
INDEX = GinIndex(fields=["search_document"], name="process_search_document_idx")


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("processes", "Process"), INDEX)


class Migration(migrations.Migration):
    dependencies = [
        ("processes", "0016_agreement_newest_idx"),
        ("wpm", "0015_folded_search"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, create_index)]
