from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("mediators", "0002_search_indexes")]

    # A new site's expertise areas are created after migrate: mediators.taxonomy.seed_areas.
    operations = []
