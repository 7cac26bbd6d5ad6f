from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from wpm.models import User

DEMO_PASSWORD = "demo-password"  # noqa: S105 (development only, printed by make run)
DEMO_ACCOUNTS = [
    # email, name, is_staff, is_superuser
    ("admin@example.org", "Demo Administrator", True, True),
    ("member@example.org", "Demo Member", False, False),
]


class Command(BaseCommand):
    help = "Fill the database with fictional demo data. Safe to run again: nothing is duplicated."

    @transaction.atomic
    def handle(self, *args, **options):
        if settings.DEVELOPMENT:
            self.create_demo_accounts()
        else:
            self.stdout.write("Not in development: demo accounts are not created.")
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))

    def create_demo_accounts(self):
        """Demo accounts exist only in development, with a password everyone knows."""
        for email, name, is_staff, is_superuser in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(
                email=email,
                defaults={"name": name, "is_staff": is_staff, "is_superuser": is_superuser},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            EmailAddress.objects.update_or_create(
                user=user, email=email, defaults={"verified": True, "primary": True}
            )
            self.stdout.write(f"  {email} / {DEMO_PASSWORD}")
