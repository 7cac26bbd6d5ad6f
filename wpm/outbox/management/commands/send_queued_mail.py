from django.core.management.base import BaseCommand

from wpm.outbox.models import Mail
from wpm.outbox.tasks import deliver


class Command(BaseCommand):
    help = (
        "Deliver every due mail now, in this process: for a site that runs no task worker, or "
        "to drain the queue by hand. The worker (manage.py db_worker) does this on its own."
    )

    def handle(self, **options: object) -> None:
        outcomes: dict[str, int] = {}
        for pk in Mail.objects.due().order_by("created_at").values_list("pk", flat=True):
            outcome = deliver.call(pk)
            outcomes[outcome] = outcomes.get(outcome, 0) + 1
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items()))
        self.stdout.write(summary or "No mail is due.")
