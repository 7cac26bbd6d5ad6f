from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

# The search vectors' indexes, dropped with the columns 0016_folded_search_vectors replaced
# (PostgreSQL only, as in 0014_search_indexes).
INDEXES = {
    "Article": GinIndex(fields=["search"], name="article_search_idx"),
    "Event": GinIndex(fields=["search"], name="event_search_idx"),
    "Voice": GinIndex(fields=["search"], name="voice_search_idx"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in INDEXES.items():
        schema_editor.add_index(apps.get_model("wpm", model), index)


class Migration(migrations.Migration):
    dependencies = [("wpm", "0016_folded_search_vectors")]

    # Reversed, the columns go, and their indexes with them.
    operations = [migrations.RunPython(create_indexes, migrations.RunPython.noop)]
