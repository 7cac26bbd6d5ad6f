from django.db import migrations

# No change to the tables. Applying it has the migrate rebuild every profile's search documents
# after its migrations (apps.REBUILD_SEARCH_AFTER): they now hold a name written with an
# apostrophe also as one word, so that "oneill" finds "O'Neill".


class Migration(migrations.Migration):
    dependencies = [("mediators", "0009_sort_name")]

    operations = []
