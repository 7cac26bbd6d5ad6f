"""The mails to a person go with her account: their subjects and her address are hers."""

from typing import Any

from allauth.account.models import EmailAddress
from django.dispatch import receiver

from wpm.models import User
from wpm.privacy import erasing_personal_data, personal_data_requested

from .models import Mail


def _hers(user: User) -> list[Mail]:
    """The mails to any of her addresses: her account's, and each she added (allauth keeps
    them, with the one she had before a change), whose confirmation mail holds a link."""
    addresses = {
        user.email,
        *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
    }
    folded = {address.casefold() for address in addresses if address}
    candidates = Mail.objects.none()
    for address in folded:
        candidates |= Mail.objects.addressed_to(address)
    return [
        mail
        for mail in candidates.distinct()
        if folded & {recipient.strip().casefold() for recipient in mail.recipients.split(",")}
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
