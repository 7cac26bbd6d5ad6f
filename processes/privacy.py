"""A member's engagements in her personal data: exported in her profile, erased with her."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from mediators.models import Mediator
from wpm.privacy import personal_data_requested, rows

from .models import Engagement


@receiver(personal_data_requested)
def export_engagements(sender, user, **kwargs):
    return {
        "profile.engagements": rows(
            Engagement.objects.filter(mediator__user=user),
            "process__name",
            "role",
            "start_year",
            "end_year",
            "description",
            "confidentiality",
        )
    }


@receiver(post_delete, sender=Mediator)
def erase_engagements(sender, instance, **kwargs):
    """Her engagements go with her profile however it goes (her account deleted, staff in the
    admin), and so do their history rows, their deletion's included: they name her. After the
    deletion, which wrote those rows."""
    Engagement.history.filter(mediator_id=instance.pk).delete()
