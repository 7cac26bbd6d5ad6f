from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("wpm", "0002_content"),
        ("processes", "0003_figure_belongs_to_one"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    # The staff roles are kept in step after every migrate: wpm.roles.sync_roles.
    operations = []
