from django.db import migrations

# A page's menu setting ("Main navigation", "Footer", "Not in a menu") was never read: the
# navigation and the footer are the site's own (wpm.context_processors). Staff set it and nothing
# changed, so it goes. Going back restores the column, every page "Not in a menu".


class Migration(migrations.Migration):
    dependencies = [
        ("wpm", "0017_folded_search_indexes"),
    ]

    operations = [
        migrations.RemoveField(model_name="page", name="place"),
    ]
