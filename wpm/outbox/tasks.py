"""Delivery of queued mail, one task per message, retried with back-off."""

import logging

from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.tasks import task

from .models import Mail, MailQuerySet

logger = logging.getLogger("wpm.outbox")

# The mailer that talks to the world: SMTP in production, the console in development.
OUTBOUND = "outbound"


def queue(messages: list[EmailMessage]) -> list[Mail]:
    """Store the messages and enqueue their delivery, within the caller's transaction."""
    with transaction.atomic():
        mails = Mail.objects.bulk_create([Mail.from_message(message) for message in messages])
        for mail in mails:
            deliver.enqueue(mail.pk)
    return mails


def send_again(mails: MailQuerySet) -> int:
    """Staff's resend: the chosen failed or waiting mails are delivered afresh."""
    with transaction.atomic():
        pks = mails.send_again()
        for pk in pks:
            deliver.enqueue(pk)
    return len(pks)


@task
def deliver(mail_id: int) -> str:
    """Send one mail if it is still due; what happened, for the task's result."""
    Mail.objects.give_up_interrupted()
    Mail.objects.expired().delete()
    mail = Mail.objects.claim(mail_id)
    if mail is None:
        return "not due"
    try:
        with mailers[OUTBOUND] as connection:
            sent = connection.send_messages([mail.as_message()])
        if not sent:
            raise ValueError("The message has no recipient.")
    except Exception as error:  # the mail server's refusal, a lost connection, a timeout
        retry_at = mail.attempt_failed(f"{type(error).__name__}: {error}")
        logger.warning(
            "Mail %s not sent (attempt %s): %s; %s",
            mail.pk,
            mail.attempts,
            error,
            f"trying again at {retry_at.isoformat()}" if retry_at else "giving up",
        )
        if retry_at is not None and deliver.get_backend().supports_defer:
            deliver.using(run_after=retry_at).enqueue(mail.pk)
        return "retry" if retry_at else "failed"
    mail.delivered()
    return "sent"
