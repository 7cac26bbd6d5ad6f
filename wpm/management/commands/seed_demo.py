from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from mediators.demo import MAX_COUNT, seed_mediators, seed_member_profile
from processes.demo import MAX_COUNT as MAX_PROCESSES
from processes.demo import seed_processes
from wpm.demo import seed_content
from wpm.models import PageVersion, User

DEMO_PASSWORD = "demo-password"  # noqa: S105 (development only, printed by make run)
DEMO_ACCOUNTS = [
    # email, name, is_staff, is_superuser
    ("admin@example.org", "Demo Administrator", True, True),
    ("member@example.org", "Demo Member", False, False),
]
DEMO_MEMBER = "member@example.org"


class Command(BaseCommand):
    help = "Fill the database with fictional demo data. Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--mediators",
            type=int,
            default=60,
            metavar="N",
            help="Fictional mediators the roster should hold (default 60; 0 for none).",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=24,
            metavar="N",
            help=(
                "Fictional peace processes the catalogue should hold (default 24; 0 for none). "
                "Listed demo mediators are engaged in them."
            ),
        )

    @transaction.atomic
    def handle(self, *args, mediators, processes, **options):
        if not 0 <= mediators <= MAX_COUNT:
            raise CommandError(f"--mediators must be between 0 and {MAX_COUNT}.")
        if not 0 <= processes <= MAX_PROCESSES:
            raise CommandError(f"--processes must be between 0 and {MAX_PROCESSES}.")
        if settings.WPM_ENV == "production":
            raise CommandError("Demo data is fictional: it is never loaded in production.")
        if settings.DEVELOPMENT:
            self.create_demo_accounts()
            if seed_member_profile(User.objects.get(email=DEMO_MEMBER)):
                self.stdout.write(f"  {DEMO_MEMBER} has an approved, public profile.")
        else:
            self.stdout.write("Not in development: demo accounts are not created.")
        seed_mediators(mediators, self.stdout)
        seed_processes(processes, self.stdout)  # after the mediators it engages
        seed_content(self.stdout)  # after the mediators who write some of the articles
        PageVersion.bump()  # bulk writes send no signals: cached pages are forgotten here
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
