import django.contrib.postgres.search
from django.db import migrations, models

# Each audience's index holds only the profiles that audience may find at all, as
# MediatorQuerySet.visible_to() selects them, so that a count or a page of matches needs
# nothing the index does not hold.
LISTED = {
    "public": "status = 'approved' AND visibility IN ('public', 'protected')",
    "members": "status = 'approved' AND visibility IN ('public', 'protected', 'members')",
    "staff": "status = 'approved'",
}


def _search_indexes(schema_editor, partial):
    if schema_editor.connection.vendor != "postgresql":
        return
    for audience, listed in LISTED.items():
        where = f" WHERE {listed}" if partial else ""
        schema_editor.execute(f"DROP INDEX IF EXISTS mediator_search_{audience}_idx")
        schema_editor.execute(
            f"CREATE INDEX mediator_search_{audience}_idx ON mediators_mediator "
            f"USING gin (search_{audience}){where}"
        )


def partial_indexes(apps, schema_editor):
    _search_indexes(schema_editor, partial=True)


def full_indexes(apps, schema_editor):
    _search_indexes(schema_editor, partial=False)


def keep_ranks_in_the_row(apps, schema_editor):
    """Never compressed nor moved out of the row: ranking a thousand matches reads them all."""
    if schema_editor.connection.vendor != "postgresql":
        return
    for audience in LISTED:
        schema_editor.execute(
            f"ALTER TABLE mediators_mediator ALTER COLUMN rank_{audience} SET STORAGE PLAIN"
        )


class Migration(migrations.Migration):
    dependencies = [("mediators", "0003_expertise_areas"), ("wpm", "0007_page_version")]

    operations = [
        migrations.AddField(
            model_name="mediator",
            name="summary",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        *(
            migrations.AddField(
                model_name="mediator",
                name=f"rank_{audience}",
                field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
            )
            for audience in LISTED
        ),
        migrations.RunPython(keep_ranks_in_the_row, migrations.RunPython.noop),
        migrations.RunPython(partial_indexes, full_indexes),
        # The documents gain the filters' facets, the cards their summary, when `manage.py
        # rebuild_search` runs after the upgrade: a migration runs no live model code.
        migrations.RemoveIndex(model_name="mediator", name="mediator_roster_idx"),
        migrations.AddIndex(
            model_name="mediator",
            index=models.Index(
                fields=["status", "visibility", "public_name"],
                include=["id"],
                name="mediator_roster_idx",
            ),
        ),
    ]
