from django.contrib.postgres.indexes import GinIndex
from django.db import migrations

# Site search finds rows by their stored vector (PostgreSQL only, as the vectors themselves).
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


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in INDEXES.items():
        schema_editor.remove_index(apps.get_model("wpm", model), index)


class Migration(migrations.Migration):
    dependencies = [("wpm", "0013_stored_search_vectors")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
