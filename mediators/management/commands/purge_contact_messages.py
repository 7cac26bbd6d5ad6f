import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from mediators.models import ContactMessage


class Command(BaseCommand):
    help = "Delete contact messages older than the retention period (CONTACT_RETENTION_DAYS)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")

    def handle(self, *args, days, **options):
        days = settings.CONTACT_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _ = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} contact messages older than {days} days.")
