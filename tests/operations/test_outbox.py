"""Mail that cannot be lost: queued with the action that sends it, delivered by a task, tried
again while the mail server is away, never sent twice, and in the staff's hands when it fails."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from mediators.models import ContactMessage
from tests.conftest import client_for
from tests.mediators.test_contact import contact_data
from wpm.models import User
from wpm.outbox.models import INTERRUPTED, Mail
from wpm.outbox.tasks import deliver

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-Passw0rd"
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def make_due(*mails):
    Mail.objects.filter(pk__in=[m.pk for m in mails] or Mail.objects.values("pk")).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    DBTaskResult.objects.update(run_after=timezone.now() - datetime.timedelta(seconds=1))


def run_worker(*args):
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", *args, verbosity=0)


def test_a_contact_message_is_queued_with_it_and_delivered_at_once(client, member):
    response = client.post(
        reverse("mediators:contact", args=[member.mediator.slug]), contact_data()
    )
    assert response.status_code == 302
    queued = Mail.objects.get()
    assert queued.status == Mail.Status.SENT and queued.attempts == 1
    assert queued.recipients == member.email
    # Delivered, the message itself is not kept: it was someone's letter to her.
    assert queued.message == {}
    assert queued.subject == "[WPM] A message from Dora Diplomat"
    (sent,) = mail.outbox
    assert sent.extra_headers["Message-ID"].startswith("<")
    assert "Would you advise" in sent.body and sent.reply_to == ["dora@ministry.example"]


def test_a_mail_server_that_is_down_costs_the_visitor_nothing(client, member, outbound_smtp):
    response = client.post(
        reverse("mediators:contact", args=[member.mediator.slug]), contact_data(), follow=True
    )
    assert response.status_code == 200
    assert "Your message has been sent" in response.content.decode()
    assert ContactMessage.objects.count() == 1
    waiting = Mail.objects.get()
    assert waiting.status == Mail.Status.QUEUED and waiting.attempts == 1
    assert "Connection refused" in waiting.last_error or "ConnectionRefused" in waiting.last_error
    delay = waiting.next_attempt_at - timezone.now()
    assert datetime.timedelta(seconds=50) < delay <= datetime.timedelta(seconds=60)

    outbound_smtp.start()
    call_command("send_queued_mail", verbosity=0)
    assert outbound_smtp.received == [], "not due yet: the back-off holds"
    make_due(waiting)
    call_command("send_queued_mail", verbosity=0)
    call_command("send_queued_mail", verbosity=0)
    assert outbound_smtp.subjects() == ["[WPM] A message from Dora Diplomat"]
    waiting.refresh_from_db()
    assert waiting.status == Mail.Status.SENT and waiting.attempts == 2


def test_signing_up_and_resetting_a_password_confirm_while_mail_is_down(
    client, member, outbound_smtp
):
    response = client.post(
        "/en/accounts/signup/",
        {
            "email": "nadia@example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "privacy_consent": "on",
        },
    )
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert User.objects.filter(email="nadia@example.org").exists()
    response = client.post("/en/accounts/password/reset/", {"email": member.email})
    assert response["Location"] == "/en/accounts/password/reset/done/"
    assert sorted(Mail.objects.values_list("recipients", "status")) == sorted(
        [("nadia@example.org", "queued"), (member.email, "queued")]
    )

    outbound_smtp.start()
    make_due()
    call_command("send_queued_mail", verbosity=0)
    assert sorted(str(m["To"]) for m in outbound_smtp.received) == sorted(
        ["nadia@example.org", member.email]
    )


def test_each_failure_waits_longer_and_the_last_one_gives_up(settings, outbound_smtp):
    settings.MAIL_MAX_ATTEMPTS = 3
    send_mail("Minutes", "Text", None, ["ana@example.org"])
    queued = Mail.objects.get()
    waits = []
    for _attempt in range(2):
        queued.refresh_from_db()
        waits.append(round((queued.next_attempt_at - timezone.now()).total_seconds()))
        make_due(queued)
        deliver.call(queued.pk)
    assert waits == [60, 120]
    queued.refresh_from_db()
    assert queued.status == Mail.Status.FAILED and queued.attempts == 3
    assert queued.message["body"] == "Text", "a failed mail keeps its message for a resend"
    make_due(queued)
    assert deliver.call(queued.pk) == "not due"
    assert outbound_smtp.received == []


# The worker ends and begins transactions of its own, as in production.
@pytest.mark.django_db(transaction=True)
def test_the_worker_retries_at_the_time_it_was_told(settings, outbound_smtp):
    settings.TASKS = DATABASE_TASKS
    send_mail("Minutes", "Text", None, ["ana@example.org"])
    assert mail.outbox == [] and Mail.objects.get().status == Mail.Status.QUEUED
    run_worker()
    queued = Mail.objects.get()
    assert queued.status == Mail.Status.QUEUED and queued.attempts == 1
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after == queued.next_attempt_at
    run_worker()
    assert Mail.objects.get().attempts == 1, "the retry waits for its time"

    outbound_smtp.start()
    make_due(queued)
    run_worker()
    run_worker()
    assert outbound_smtp.subjects() == ["Minutes"]
    assert Mail.objects.get().status == Mail.Status.SENT


# The worker ends and begins transactions of its own, as in production.
@pytest.mark.django_db(transaction=True)
def test_a_worker_stopped_and_started_again_sends_each_mail_once(settings):
    settings.TASKS = DATABASE_TASKS
    for n in range(3):
        send_mail(f"Mail {n}", "Text", None, [f"person{n}@example.org"])
    assert mail.outbox == [], "nothing leaves in the request"
    run_worker("--max-tasks", "1")
    assert len(mail.outbox) == 1
    run_worker()
    run_worker()
    assert sorted(m.subject for m in mail.outbox) == ["Mail 0", "Mail 1", "Mail 2"]
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 3
    assert set(Mail.objects.values_list("status", flat=True)) == {Mail.Status.SENT}


def test_a_mail_cut_off_while_sending_is_never_sent_twice():
    cut_off = Mail.from_message(EmailMessage("Interrupted", "Text", to=["ana@example.org"]))
    cut_off.save()
    # A worker took it and stopped before it could say how the mail server answered.
    assert Mail.objects.claim(cut_off.pk) is not None
    assert Mail.objects.claim(cut_off.pk) is None, "claimed once only"
    assert deliver.call(cut_off.pk) == "not due"
    assert mail.outbox == []

    Mail.objects.update(sending_since=timezone.now() - datetime.timedelta(minutes=16))
    send_mail("Next", "Text", None, ["bea@example.org"])
    cut_off.refresh_from_db()
    assert cut_off.status == Mail.Status.FAILED and cut_off.last_error == INTERRUPTED
    assert [m.subject for m in mail.outbox] == ["Next"]


def test_staff_send_a_failed_mail_again_from_the_back_office(settings, superuser, outbound_smtp):
    settings.MAIL_MAX_ATTEMPTS = 1
    send_mail("Your profile is approved", "Welcome.", None, ["ana@example.org"])
    send_mail("Sent before", "Text", None, ["bea@example.org"])
    failed, other = Mail.objects.order_by("pk")
    assert failed.status == other.status == Mail.Status.FAILED
    Mail.objects.filter(pk=other.pk).update(status=Mail.Status.SENT, message={})
    outbound_smtp.start()

    staff = client_for(superuser)
    page = staff.get(reverse("admin:outbox_mail_changelist") + "?status__exact=failed")
    assert "Your profile is approved" in page.content.decode()
    response = staff.post(
        reverse("admin:outbox_mail_changelist"),
        {"action": "resend", "_selected_action": [failed.pk, other.pk]},
        follow=True,
    )
    notes = [str(m) for m in get_messages(response.wsgi_request)]
    assert "1 mail will be sent again." in notes
    assert any("1 mail was left alone" in note for note in notes)
    assert outbound_smtp.subjects() == ["Your profile is approved"]
    failed.refresh_from_db()
    assert failed.status == Mail.Status.SENT and failed.attempts == 1


def test_the_back_office_never_shows_the_message_itself(client, member, superuser, outbound_smtp):
    client.post(reverse("mediators:contact", args=[member.mediator.slug]), contact_data())
    waiting = Mail.objects.get()
    page = client_for(superuser).get(reverse("admin:outbox_mail_change", args=[waiting.pk]))
    text = page.content.decode()
    assert page.status_code == 200 and "A message from Dora Diplomat" in text
    assert "Would you advise" not in text


def test_the_resend_needs_its_permission(staff, outbound_smtp):
    send_mail("Minutes", "Text", None, ["ana@example.org"])
    staff.user_permissions.add(Permission.objects.get(codename="view_mail"))
    response = client_for(staff).post(
        reverse("admin:outbox_mail_changelist"),
        {"action": "resend", "_selected_action": [Mail.objects.get().pk]},
    )
    assert Mail.objects.get().attempts == 1
    assert response.status_code in (200, 302)


def test_sent_mail_is_forgotten_after_its_retention(settings):
    settings.MAIL_RETENTION_DAYS = 30
    send_mail("Old", "Text", None, ["ana@example.org"])
    Mail.objects.update(created_at=timezone.now() - datetime.timedelta(days=31))
    send_mail("New", "Text", None, ["bea@example.org"])
    assert list(Mail.objects.values_list("subject", flat=True)) == ["New"]


def test_a_mail_that_failed_is_forgotten_after_its_retention_too(client, member, settings):
    """A failed mail keeps its whole message for staff to send again; a visitor's letter in one
    outlived the purge of contact messages, for ever. The daily purge forgets it as well."""
    settings.MAIL_RETENTION_DAYS = 30
    client.post(
        f"/en/mediators/{member.mediator.slug}/contact/",
        contact_data(message="My secret: the talks move to Oslo next week"),
    )
    old = timezone.now() - datetime.timedelta(days=400)
    Mail.objects.update(status=Mail.Status.FAILED, created_at=old)
    ContactMessage.objects.update(created_at=old)
    call_command("purge_contact_messages", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not ContactMessage.objects.exists()
    assert not Mail.objects.exists()


def test_a_message_no_mail_server_could_take_fails_where_it_is_sent():
    with pytest.raises(ValueError, match="linefeed"):
        send_mail("Two\nlines", "Text", None, ["ana@example.org"])
    assert not Mail.objects.exists()


def test_hostile_subjects_and_recipients_stay_text_in_the_back_office(superuser, outbound_smtp):
    hostile = '<img src=x onerror="__xss(1)"><script>__xss(2)</script>'
    send_mail(hostile, "Text", None, ['"<b>x</b>" <ana@example.org>'])
    staff = client_for(superuser)
    for address in (
        reverse("admin:outbox_mail_changelist"),
        reverse("admin:outbox_mail_changelist") + "?q=%3Cscript%3E",
        reverse("admin:outbox_mail_change", args=[Mail.objects.get().pk]),
    ):
        page = staff.get(address).content.decode()
        assert "&lt;script&gt;__xss(2)&lt;/script&gt;" in page, address
        assert "<script>__xss" not in page and "<img src=x" not in page and "<b>x</b>" not in page
