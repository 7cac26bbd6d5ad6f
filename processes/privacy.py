"""A member's engagements in her personal data: exported in her profile, erased with her."""

from django.dispatch import receiver

from wpm.privacy import erasing_personal_data, personal_data_requested, rows

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


@receiver(erasing_personal_data)
def erase_engagements(sender, user, **kwargs):
    """Her engagements go, and so do their history rows, deleting them included: they name her."""
    Engagement.objects.filter(mediator__user=user).delete()
    Engagement.history.filter(mediator__user=user).delete()
