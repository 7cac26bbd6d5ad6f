"""A member's rights over her data: take all of it with her, or have all of it deleted."""

import json

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from mediators import photos
from mediators.models import Mediator
from processes.models import Engagement


def _rows(queryset, *fields):
    return list(queryset.values(*fields))


def personal_data(user):
    """Everything the platform holds about one person, as plain data."""
    data = {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "name": user.name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "privacy_consent_at": user.privacy_consent_at,
            "email_addresses": _rows(
                EmailAddress.objects.filter(user=user), "email", "verified", "primary"
            ),
            "two_factor_methods": _rows(
                Authenticator.objects.filter(user=user), "type", "created_at", "last_used_at"
            ),
        },
        "profile": None,
    }
    mediator = Mediator.objects.filter(user=user).first()
    if mediator is None:
        return data
    profile = {
        field.name: getattr(mediator, field.attname)
        for field in Mediator._meta.concrete_fields
        if not field.name.startswith("search_") and field.name not in {"id", "user", "public_name"}
    }
    profile["nationalities"] = [country.code for country in mediator.nationalities]
    profile["country"] = mediator.country.code or ""
    profile["photo"] = mediator.photo.name
    profile["photo_small"] = mediator.photo_small.name
    profile["expertise"] = [area.name_en for area in mediator.expertise.all()]
    profile["tracks"] = [row.track for row in mediator.tracks.all()]
    profile["backgrounds"] = [row.background for row in mediator.backgrounds.all()]
    profile["languages"] = _rows(mediator.languages.all(), "code", "level")
    profile["trainings"] = _rows(
        mediator.trainings.all(), "title", "provider", "year", "kind", "hours"
    )
    profile["regional_experience"] = [
        row.country.code for row in mediator.regional_experience.all()
    ]
    profile["engagements"] = _rows(
        Engagement.objects.filter(mediator=mediator),
        "process__name",
        "role",
        "start_year",
        "end_year",
        "description",
        "confidentiality",
    )
    profile["contact_messages_received"] = _rows(
        mediator.contact_messages.all(),
        "name",
        "email",
        "organisation",
        "purpose",
        "message",
        "created_at",
    )
    data["profile"] = profile
    return data


def personal_data_json(user):
    return json.dumps(personal_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@transaction.atomic
def erase(user):
    """Delete a person and her files; history keeps that something happened, not who."""
    mediator = Mediator.objects.filter(user=user).first()
    if mediator is not None:
        photos.remove_photo(mediator)
        _anonymise_log(mediator, f"deleted member #{mediator.pk}")
    _anonymise_log(user, f"deleted user #{user.pk}")
    user.delete()
    if mediator is not None:
        # Deleting her engagements wrote history rows of their own: remove those too.
        Engagement.history.filter(mediator_id=mediator.pk).delete()


def _anonymise_log(obj, label):
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).update(object_repr=label, change_message="")
