from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from demo.accounts import DEMO_MEMBER, ensure_accounts, seed_member_profile
from demo.content import seed_content
from demo.mediators import MAX_COUNT, seed_mediators
from demo.processes import MAX_COUNT as MAX_PROCESSES
from demo.processes import seed_processes
from demo.requests import seed_requests
from wpm.models import PageVersion, User


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
        # The app is not installed in production; this holds should it ever be.
        if settings.WPM_ENV == "production":
            raise CommandError("Demo data is fictional: it is never loaded in production.")
        if settings.DEVELOPMENT:
            # Demo accounts exist only in development, with a password everyone knows.
            ensure_accounts(self.stdout)
            if seed_member_profile(User.objects.get(email=DEMO_MEMBER)):
                self.stdout.write(f"  {DEMO_MEMBER} has an approved, public profile.")
        else:
            self.stdout.write("Not in development: demo accounts are not created.")
        seed_mediators(mediators, self.stdout)
        seed_processes(processes, self.stdout)  # after the mediators it engages
        seed_content(self.stdout)  # after the mediators who write some of the articles
        seed_requests(self.stdout)  # the demo requester's, in development
        PageVersion.bump()  # bulk writes send no signals: cached pages are forgotten here
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
