from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from .tasks import queue


class QueuedEmailBackend(BaseEmailBackend):
    """The default mailer: a message is queued in the database, never sent in the request, so
    a mail server that is down costs the visitor nothing and loses nothing."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        messages = [message for message in email_messages if message.recipients()]
        for message in messages:
            # A message no mail server could take (a line break in a header, say) fails here,
            # where its sender sees it, as it would without the queue: retrying would not help.
            message.message()
        return len(queue(messages)) if messages else 0
