from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

AUDIENCES = ["public", "members", "staff"]


def create_indexes(apps, schema_editor):
    """PostgreSQL only: the roster's full-text and typo-tolerant search, one index per audience."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for audience in AUDIENCES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS mediator_search_{audience}_idx "
            f"ON mediators_mediator USING gin (search_{audience})"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS mediator_trigram_{audience}_idx "
            f"ON mediators_mediator USING gin (search_text_{audience} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for audience in AUDIENCES:
        schema_editor.execute(f"DROP INDEX IF EXISTS mediator_search_{audience}_idx")
        schema_editor.execute(f"DROP INDEX IF EXISTS mediator_trigram_{audience}_idx")


class Migration(migrations.Migration):
    dependencies = [("mediators", "0001_initial")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
