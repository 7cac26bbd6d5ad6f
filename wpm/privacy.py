"""A member's rights over her data: take all of it with her, or have all of it deleted.

The account is the project's; each app answers for its own share through two signals, the way
pretix's data shredders do, so that a new app holding personal data adds a receiver and
nothing here changes.
"""

import json
from importlib import import_module

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.signals import pre_delete
from django.dispatch import Signal, receiver
from django.utils import timezone

from .models import User

# Sent with ``user`` when she downloads her data. Each receiver returns its share as a dict
# from a place in the export to the data that goes there: a top-level key ("profile"), or a
# key inside another share ("profile.engagements"), which is left out when that share is None.
personal_data_requested = Signal()

# Sent with ``user`` inside the transaction that deletes her account, however it goes (her own
# deletion, or staff's in the admin), before it goes: each receiver deletes her files and
# whatever the cascade from her account would not reach, or would leave a trace of (history
# rows, the admin's log).
erasing_personal_data = Signal()


def rows(queryset, *fields):
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
            "email_addresses": rows(
                EmailAddress.objects.filter(user=user), "email", "verified", "primary"
            ),
            "two_factor_methods": rows(
                Authenticator.objects.filter(user=user), "type", "created_at", "last_used_at"
            ),
            "saved_searches": rows(
                user.saved_searches.all(), "title", "feed", "query", "language", "created_at"
            ),
            # Each session held, ended or not, as she reviews them: the daily purge forgets
            # those that ended, and until then they are hers.
            "sessions": rows(
                UserSession.objects.filter(user=user).order_by("created_at"),
                "ip",
                "user_agent",
                "created_at",
                "last_seen_at",
            ),
        },
    }
    shares = [
        share
        for _receiver, answer in personal_data_requested.send(sender=type(user), user=user)
        for share in answer.items()
    ]
    # Outer places first, so that a share nested in another finds it.
    for place, value in sorted(shares, key=lambda share: share[0].count(".")):
        *outer, key = place.split(".")
        target = data
        for name in outer:
            target = target.get(name) if target is not None else None
        if target is not None:
            target[key] = value
    return data


def personal_data_json(user):
    return json.dumps(personal_data(user), cls=DjangoJSONEncoder, indent=2, ensure_ascii=False)


@transaction.atomic
def erase(user):
    """Delete a person and her files; history keeps that something happened, not who."""
    user.delete()


@receiver(pre_delete, sender=User)
def erase_with_account(sender, instance, **kwargs):
    """Every app erases its share whichever way her account goes: staff deleting it in the
    admin, one or many at once, left her messages, her mails and the log naming her. The
    admin logs a deletion, with her name, before it deletes, so that entry is made nameless
    here too."""
    # Her addresses, sessions and keys are named in the log by what they hold: her address,
    # the IP address and browser she came from.
    label = f"of deleted user #{instance.pk}"
    anonymise_logs_of(EmailAddress.objects.filter(user=instance), label)
    anonymise_logs_of(UserSession.objects.filter(user=instance), label)
    anonymise_logs_of(Authenticator.objects.filter(user=instance), label)
    erasing_personal_data.send(sender=sender, user=instance)
    anonymise_log(instance, f"deleted user #{instance.pk}")


def anonymise_log(obj, label):
    """The admin's log keeps that the object was changed, not what it said."""
    anonymise_logs_of(type(obj)._default_manager.filter(pk=obj.pk), label)


def anonymise_logs_of(queryset, label):
    """anonymise_log() for every row of the queryset."""
    keys = [str(key) for key in queryset.values_list("pk", flat=True)]
    if keys:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model), object_id__in=keys
        ).update(object_repr=label, change_message="")


def forget_ended_sessions():
    """A session that has ended keeps nothing of her: Django keeps an expired session until
    someone clears it, and allauth its record of a session (her IP address and browser) until
    she next opens her sessions page. Returns how many such records were forgotten."""
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()
    return sum(session.purge() for session in UserSession.objects.all())
