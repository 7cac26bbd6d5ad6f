from django.core.management.base import BaseCommand

from wpm.alerts import send_digests


class Command(BaseCommand):
    help = (
        "Email each person whose saved searches were last checked a week ago or more what "
        "newly matches them, in one digest each (through the mail queue). Run it daily."
    )

    def handle(self, **options: object) -> None:
        sent, told = send_digests()
        self.stdout.write(f"{sent} digests, telling of {told} new matches.")
