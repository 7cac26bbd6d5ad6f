from django.db import migrations


class Migration(migrations.Migration):
    # 0004_privacy_consent already follows 0003_roles; depending on it keeps a single leaf.
    dependencies = [("wpm", "0004_privacy_consent")]

    # A new site's pages are created after migrate, from wpm/seed/pages/: wpm.seed.pages.
    operations = []
