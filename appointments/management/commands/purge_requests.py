from django.conf import settings
from django.core.management.base import BaseCommand

from wpm.models import PageVersion

from ...models import Request


class Command(BaseCommand):
    help = (
        "Purge the personal data of requests closed longer than the retention period "
        "(REQUEST_RETENTION_DAYS): who asked, who was proposed, what they released. What the "
        "public numbers count stays."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")

    def handle(self, *args, days, **options):
        days = settings.REQUEST_RETENTION_DAYS if days is None else days
        purged = 0
        for request in Request.objects.to_purge(days).iterator():
            request.purge()
            purged += 1
        if purged:
            PageVersion.bump()
        self.stdout.write(
            f"Purged the personal data of {purged} requests closed over {days} days ago."
        )
