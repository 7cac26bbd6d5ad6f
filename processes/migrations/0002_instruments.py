from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("processes", "0001_initial")]

    # A new site's instruments are created after migrate: processes.taxonomy.seed_instruments.
    operations = []
