import django.contrib.postgres.search
from django.db import migrations, models

import wpm.textsearch

# The stored search vectors in the configuration that folds accents (0015_folded_search).


class Migration(migrations.Migration):
    dependencies = [("wpm", "0015_folded_search")]

    operations = [
        migrations.RemoveField(model_name="article", name="search"),
        migrations.AddField(
            model_name="article",
            name="search",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        wpm.textsearch.StoredVector("title", config="wpm_folded", weight="A"),
                        "||",
                        wpm.textsearch.StoredVector("summary", config="wpm_folded", weight="B"),
                        django.contrib.postgres.search.SearchConfig("wpm_folded"),
                    ),
                    "||",
                    wpm.textsearch.StoredVector("body", config="wpm_folded", weight="C"),
                    django.contrib.postgres.search.SearchConfig("wpm_folded"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RemoveField(model_name="event", name="search"),
        migrations.AddField(
            model_name="event",
            name="search",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        wpm.textsearch.StoredVector("title", config="wpm_folded", weight="A"),
                        "||",
                        wpm.textsearch.StoredVector("place", config="wpm_folded", weight="B"),
                        django.contrib.postgres.search.SearchConfig("wpm_folded"),
                    ),
                    "||",
                    wpm.textsearch.StoredVector("description", config="wpm_folded", weight="C"),
                    django.contrib.postgres.search.SearchConfig("wpm_folded"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RemoveField(model_name="page", name="search_de"),
        migrations.AddField(
            model_name="page",
            name="search_de",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    wpm.textsearch.StoredVector("title_de", config="wpm_folded", weight="A"),
                    "||",
                    wpm.textsearch.StoredVector("body_de", config="wpm_folded", weight="C"),
                    django.contrib.postgres.search.SearchConfig("wpm_folded"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RemoveField(model_name="page", name="search_en"),
        migrations.AddField(
            model_name="page",
            name="search_en",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    wpm.textsearch.StoredVector("title_en", config="wpm_folded", weight="A"),
                    "||",
                    wpm.textsearch.StoredVector("body_en", config="wpm_folded", weight="C"),
                    django.contrib.postgres.search.SearchConfig("wpm_folded"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
        migrations.RemoveField(model_name="voice", name="search"),
        migrations.AddField(
            model_name="voice",
            name="search",
            field=models.GeneratedField(
                db_persist=True,
                expression=django.contrib.postgres.search.CombinedSearchVector(
                    django.contrib.postgres.search.CombinedSearchVector(
                        django.contrib.postgres.search.CombinedSearchVector(
                            wpm.textsearch.StoredVector("name", config="wpm_folded", weight="A"),
                            "||",
                            wpm.textsearch.StoredVector("role", config="wpm_folded", weight="B"),
                            django.contrib.postgres.search.SearchConfig("wpm_folded"),
                        ),
                        "||",
                        wpm.textsearch.StoredVector(
                            "organisation", config="wpm_folded", weight="B"
                        ),
                        django.contrib.postgres.search.SearchConfig("wpm_folded"),
                    ),
                    "||",
                    wpm.textsearch.StoredVector("quote", config="wpm_folded", weight="C"),
                    django.contrib.postgres.search.SearchConfig("wpm_folded"),
                ),
                output_field=django.contrib.postgres.search.SearchVectorField(),
            ),
        ),
    ]
