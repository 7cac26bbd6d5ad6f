"""A member's profile in her personal data: exported with it, erased with her account."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from wpm.privacy import (
    anonymise_log,
    anonymise_logs_of,
    erasing_personal_data,
    personal_data_requested,
    rows,
)

from . import photos
from .models import ContactMessage, Mediator


@receiver(personal_data_requested)
def export_messages_sent(sender, user, **kwargs):
    """The messages she wrote to mediators while signed in, as she wrote them. Not to whom: a
    mediator who has since withdrawn from a proposal is no longer named to its requester."""
    sent = ContactMessage.objects.filter(sender=user).order_by("created_at")
    return {
        "contact_messages_sent": rows(
            sent, "name", "email", "organisation", "purpose", "message", "created_at"
        )
    }


@receiver(erasing_personal_data)
def erase_messages_sent(sender, user, **kwargs):
    """What she wrote goes with her account: her name, address and words are in it. The log
    names each message by its sender and the mediator it went to: the messages she wrote, and
    those she received, are left nameless there."""
    written = ContactMessage.objects.filter(sender=user)
    anonymise_logs_of(written | ContactMessage.objects.filter(mediator__user=user), "a message")
    written.delete()


@receiver(personal_data_requested)
def export_profile(sender, user, **kwargs):
    """Her profile, every section of it, and the messages sent to her; None without one."""
    mediator = Mediator.objects.filter(user=user).first()
    if mediator is None:
        return {"profile": None}
    profile = {
        field.name: getattr(mediator, field.attname)
        for field in Mediator._meta.concrete_fields
        if not field.name.startswith("search_")
        and field.name not in {"id", "user", "public_name", "sort_name"}
    }
    profile["nationalities"] = [country.code for country in mediator.nationalities]
    profile["country"] = mediator.country.code or ""
    profile["photo"] = mediator.photo.name
    profile["photo_small"] = mediator.photo_small.name
    profile["expertise"] = [area.name_en for area in mediator.expertise.all()]
    profile["tracks"] = [row.track for row in mediator.tracks.all()]
    profile["backgrounds"] = [row.background for row in mediator.backgrounds.all()]
    profile["languages"] = rows(mediator.languages.all(), "code", "level")
    profile["trainings"] = rows(
        mediator.trainings.all(), "title", "provider", "year", "kind", "hours"
    )
    profile["regional_experience"] = [
        row.country.code for row in mediator.regional_experience.all()
    ]
    profile["contact_messages_received"] = rows(
        mediator.contact_messages.all(),
        "name",
        "email",
        "organisation",
        "purpose",
        "message",
        "created_at",
    )
    return {"profile": profile}


@receiver(erasing_personal_data)
def erase_profile(sender, user, **kwargs):
    """The admin's log keeps only that a member was changed; her photos go with her profile."""
    mediator = Mediator.objects.filter(user=user).first()
    if mediator is not None:
        anonymise_log(mediator, f"deleted member #{mediator.pk}")


@receiver(pre_delete, sender=Mediator)
def forget_photos(sender, instance, **kwargs):
    """Her photos go with her profile however it goes: her account deleted, or staff deleting
    her profile or her account in the admin, which left both files in private storage."""
    photos.delete_files(instance)
