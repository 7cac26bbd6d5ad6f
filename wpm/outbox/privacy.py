"""The mails to a person go with her account: their subjects and her address are hers."""

from typing import Any

from django.dispatch import receiver

from wpm.models import User
from wpm.privacy import erasing_personal_data, personal_data_requested

from .models import Mail


def _hers(user: User) -> list[Mail]:
    address = user.email.casefold()
    return [
        mail
        for mail in Mail.objects.addressed_to(user.email)
        if address in (recipient.strip().casefold() for recipient in mail.recipients.split(","))
    ]


@receiver(personal_data_requested)
def export_mails(sender: type, user: User, **kwargs: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        "mails": [
            {
                "subject": mail.subject,
                "status": mail.status,
                "queued_at": mail.created_at,
                "sent_at": mail.sent_at,
            }
            for mail in _hers(user)
        ]
    }


@receiver(erasing_personal_data)
def erase_mails(sender: type, user: User, **kwargs: Any) -> None:
    Mail.objects.filter(pk__in=[mail.pk for mail in _hers(user)]).delete()
