from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

# Search without regard to accents (wpm.textsearch.CONFIG), in three steps: this one creates the
# text search configuration, PostgreSQL's "simple" with each word unaccented first;
# 0016_folded_search_vectors computes the stored search vectors of the network's content anew
# with it (a generated column cannot change its expression, so each is dropped and added again,
# and its index goes with it); 0017_folded_search_indexes gives them back their indexes
# (0014_search_indexes). Reversed, this step gives the old columns back theirs.
INDEXES = {
    "Article": GinIndex(fields=["search"], name="article_search_idx"),
    "Event": GinIndex(fields=["search"], name="event_search_idx"),
    "Voice": GinIndex(fields=["search"], name="voice_search_idx"),
}


def create_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE TEXT SEARCH CONFIGURATION wpm_folded (COPY = simple)")
    schema_editor.execute(
        "ALTER TEXT SEARCH CONFIGURATION wpm_folded"
        " ALTER MAPPING FOR word, hword, hword_part, numword, numhword WITH unaccent, simple"
    )


def drop_config(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TEXT SEARCH CONFIGURATION wpm_folded")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, index in INDEXES.items():
        schema_editor.add_index(apps.get_model("wpm", model), index)


class Migration(migrations.Migration):
    dependencies = [("wpm", "0014_search_indexes")]

    operations = [
        UnaccentExtension(),
        migrations.RunPython(create_config, drop_config),
        migrations.RunPython(migrations.RunPython.noop, create_indexes),
    ]
