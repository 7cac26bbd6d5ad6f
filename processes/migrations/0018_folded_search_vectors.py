import django.contrib.postgres.search
from django.db import migrations, models

import wpm.textsearch

# The stored vectors in the configuration that folds accents (0017_folded_search).


class Migration(migrations.Migration):
    dependencies = [("processes", "0017_folded_search")]

    operations = [
        migrations.RemoveField(model_name="process", name="rank_document"),
        migrations.AddField(
            model_name="process",
            name="rank_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    wpm.textsearch.StoredVector("name", config="wpm_folded", weight="A"),
                    "||",
                    wpm.textsearch.StoredVector("summary", config="wpm_folded", weight="B"),
                    django.contrib.postgres.search.SearchConfig("wpm_folded"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RemoveField(model_name="process", name="search_document"),
        migrations.AddField(
            model_name="process",
            name="search_document",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        wpm.textsearch.StoredVector("name", config="wpm_folded", weight="A"),
                        "||",
                        wpm.textsearch.StoredVector("summary", config="wpm_folded", weight="B"),
                        django.contrib.postgres.search.SearchConfig("wpm_folded"),
                    ),
                    "||",
                    wpm.textsearch.StoredVector("description", config="wpm_folded", weight="C"),
                    django.contrib.postgres.search.SearchConfig("wpm_folded"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
    ]
