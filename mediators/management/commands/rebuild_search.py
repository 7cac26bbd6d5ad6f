from django.core.management.base import BaseCommand
from django.db import transaction

from mediators.models import Mediator
from wpm.models import PageVersion

BATCH = 500  # profiles read with their lists at a time: memory stays flat on a large roster


class Command(BaseCommand):
    help = (
        "Rebuild every mediator's search documents, ranks and card summary with the current "
        "code. Run it after an upgrade that changes how they are built."
    )

    def handle(self, *args, **options):
        ids = list(Mediator.objects.order_by("pk").values_list("pk", flat=True))
        with transaction.atomic(), PageVersion.once():
            for start in range(0, len(ids), BATCH):
                batch = list(Mediator.objects.filter(pk__in=ids[start : start + BATCH]))
                Mediator.refresh_search_of(batch)
        if options["verbosity"]:
            self.stdout.write(f"Rebuilt the search data of {len(ids)} mediators.")
