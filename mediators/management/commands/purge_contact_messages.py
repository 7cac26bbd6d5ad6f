import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from mediators.models import ContactMessage
from wpm.outbox.models import Mail
from wpm.privacy import forget_ended_sessions


class Command(BaseCommand):
    help = (
        "Delete contact messages older than the retention period (CONTACT_RETENTION_DAYS), "
        "forget the mails past theirs (MAIL_RETENTION_DAYS), and the sessions that have ended."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Override the retention.")

    def handle(self, *args, days, **options):
        days = settings.CONTACT_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - datetime.timedelta(days=days)
        deleted, _ = ContactMessage.objects.filter(created_at__lt=cutoff).delete()
        self.stdout.write(f"Deleted {deleted} contact messages older than {days} days.")
        # The mails that carried them, when sent or failed long enough ago: a mail that failed
        # holds the letter whole. Sending mail forgets them too, but a quiet site sends none.
        forgotten, _ = Mail.objects.expired().delete()
        self.stdout.write(f"Forgot {forgotten} mails past their retention (MAIL_RETENTION_DAYS).")
        # The daily job of the site's personal data, so that sessions signed out of or expired
        # do not keep her address and browser until she next looks at her sessions.
        ended = forget_ended_sessions()
        self.stdout.write(f"Forgot {ended} sessions that have ended.")
