import base64
import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A mail that has been "sending" this long was cut off by a stopped worker: the SMTP timeout
# is seconds, not minutes.
SENDING_LEASE = datetime.timedelta(minutes=15)

INTERRUPTED = (
    "Interrupted while sending: the worker stopped before the mail server answered. "
    "It may or may not have been delivered; send it again if the recipient did not get it."
)


def retry_delay(attempts: int) -> datetime.timedelta:
    """Wait twice as long after each failed attempt, up to a ceiling."""
    seconds = settings.MAIL_RETRY_SECONDS * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.MAIL_RETRY_MAX_SECONDS))


def _attachment(attachment: Any) -> list[str]:
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return [filename or "", base64.b64encode(content).decode("ascii"), mimetype or ""]


def interrupted_rule(now: "datetime.datetime | None" = None) -> Q:
    """A mail cut off while sending: still "sending" past its lease."""
    since = (now or timezone.now()) - SENDING_LEASE
    return Q(status=Mail.Status.SENDING, sending_since__lt=since)


class MailQuerySet(models.QuerySet["Mail"]):
    def waiting(self) -> "MailQuerySet":
        return self.filter(status=Mail.Status.QUEUED)

    def due(self) -> "MailQuerySet":
        return self.waiting().filter(next_attempt_at__lte=timezone.now())

    def interrupted(self) -> "MailQuerySet":
        return self.filter(interrupted_rule())

    def expired(self) -> "MailQuerySet":
        """Sent mail is remembered (subject, recipients, time) for MAIL_RETENTION_DAYS; a mail
        that failed keeps its whole message, for staff to send again, as long, and no longer:
        a visitor's letter in it would outlive the purge of contact messages."""
        cutoff = timezone.now() - datetime.timedelta(days=settings.MAIL_RETENTION_DAYS)
        return self.filter(status__in=[Mail.Status.SENT, Mail.Status.FAILED], created_at__lt=cutoff)

    def give_up_interrupted(self) -> int:
        """A mail cut off in the middle of sending is never sent again on its own: it may have
        reached the recipient already. Staff see it as failed and may send it again."""
        return self.interrupted().update(
            status=Mail.Status.FAILED,
            sending_since=None,
            last_error=INTERRUPTED,
            failed_at=timezone.now(),
        )

    def claim(self, pk: int) -> "Mail | None":
        """Take one due mail for sending, or None when it is sent, being sent, or not due.

        One conditional UPDATE: when two workers (or a retry and a resend) reach the same mail,
        the database lets exactly one of them change it from waiting to sending."""
        now = timezone.now()
        claimed = self.filter(pk=pk, status=Mail.Status.QUEUED, next_attempt_at__lte=now).update(
            status=Mail.Status.SENDING, sending_since=now, attempts=F("attempts") + 1
        )
        return self.get(pk=pk) if claimed else None

    def resendable(self) -> "MailQuerySet":
        """Failed or waiting mails, which still hold their message (a sent one does not), and
        those cut off while sending, which the next delivery would mark failed."""
        waiting = Q(status__in=[Mail.Status.FAILED, Mail.Status.QUEUED])
        return self.filter(waiting | interrupted_rule())

    def send_again(self) -> list[int]:
        """Make these failed or waiting mails due now, with a fresh count of attempts."""
        pks = list(self.resendable().values_list("pk", flat=True))
        Mail.objects.filter(pk__in=pks).update(
            status=Mail.Status.QUEUED,
            attempts=0,
            next_attempt_at=timezone.now(),
            sending_since=None,
            last_error="",
            failed_at=None,
        )
        return pks

    def addressed_to(self, address: str) -> "MailQuerySet":
        return self.filter(recipients__icontains=address)


class Mail(models.Model):
    """One message on its way out; its body is kept only until it has been delivered."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    created_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    subject = models.CharField(_("subject"), max_length=255)
    recipients = models.TextField(_("recipients"))
    # Everything needed to build the message again; emptied once it is delivered, because it
    # may hold what nobody should keep: a contact message, a sign-in link.
    message = models.JSONField(_("message"), default=dict, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sending_since = models.DateTimeField(_("sending since"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    # When it was given up on: /healthz tells of mail that failed in the last day, whenever it
    # was queued (a resend of an old mail that fails again, a mail cut off days later).
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    # Whose words it carries, when a signed-in person wrote it to someone else through the site
    # (a contact message, a requester's relay): its subject names her, and it goes with her
    # account. Set by the sender as ``message.written_by``.
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("written by"),
    )

    objects = MailQuerySet.as_manager()

    class Meta:
        verbose_name = _("mail")
        verbose_name_plural = _("mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        permissions = [("resend_mail", _("Can send a mail again"))]

    def __str__(self) -> str:
        return self.subject

    @classmethod
    def from_message(cls, message: EmailMessage) -> "Mail":
        """The message as data, with the Message-ID and date it keeps through every attempt, so
        that a mail server and the recipient see one message however often it is tried."""
        headers = {key: str(value) for key, value in message.extra_headers.items()}
        headers.setdefault("Message-ID", make_msgid(domain=DNS_NAME))
        headers.setdefault("Date", timezone.now().strftime("%a, %d %b %Y %H:%M:%S %z"))
        everyone = [*message.to, *message.cc, *message.bcc]
        return cls(
            subject=str(message.subject)[:255],
            recipients=", ".join(everyone),
            written_by=getattr(message, "written_by", None),
            message={
                "subject": str(message.subject),
                "body": str(message.body),
                "content_subtype": message.content_subtype,
                "from_email": str(message.from_email),
                "to": [str(address) for address in message.to],
                "cc": [str(address) for address in message.cc],
                "bcc": [str(address) for address in message.bcc],
                "reply_to": [str(address) for address in message.reply_to],
                "headers": headers,
                "alternatives": [
                    [str(content), mimetype]
                    for content, mimetype in getattr(message, "alternatives", [])
                ],
                "attachments": [_attachment(attachment) for attachment in message.attachments],
            },
        )

    def as_message(self) -> EmailMultiAlternatives:
        data = self.message
        message = EmailMultiAlternatives(
            subject=data["subject"],
            body=data["body"],
            from_email=data["from_email"],
            to=data["to"],
            cc=data["cc"],
            bcc=data["bcc"],
            reply_to=data["reply_to"],
            headers=data["headers"],
            alternatives=[(content, mimetype) for content, mimetype in data["alternatives"]],
        )
        message.content_subtype = data["content_subtype"]
        for filename, content, mimetype in data["attachments"]:
            message.attach(filename or None, base64.b64decode(content), mimetype or None)
        return message

    def delivered(self) -> None:
        Mail.objects.filter(pk=self.pk).update(
            status=Mail.Status.SENT,
            sent_at=timezone.now(),
            sending_since=None,
            message={},
            last_error="",
        )

    def attempt_failed(self, error: str) -> "datetime.datetime | None":
        """Wait and try again, or, after the last attempt, give up; the next attempt's time."""
        failed_at = None
        if self.attempts >= settings.MAIL_MAX_ATTEMPTS:
            status, next_attempt_at = Mail.Status.FAILED, self.next_attempt_at
            failed_at = timezone.now()
        else:
            status, next_attempt_at = (
                Mail.Status.QUEUED,
                timezone.now() + retry_delay(self.attempts),
            )
        Mail.objects.filter(pk=self.pk).update(
            status=status,
            next_attempt_at=next_attempt_at,
            sending_since=None,
            last_error=error[:2000],
            failed_at=failed_at,
        )
        return next_attempt_at if status == Mail.Status.QUEUED else None
