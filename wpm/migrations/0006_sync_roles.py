from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("wpm", "0005_pages"), ("mediators", "0003_expertise_areas")]

    # The staff roles are kept in step after every migrate: wpm.roles.sync_roles.
    operations = []
