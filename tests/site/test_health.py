"""/healthz: each dependency by name; 503 only when the site cannot serve."""

import datetime
import errno
import io
import tempfile
import time
from unittest import mock

import pytest
from django.core.mail import send_mail
from django.db import OperationalError, connection
from django.utils import timezone

from wpm import storage as wpm_storage
from wpm.outbox.models import Mail

pytestmark = pytest.mark.django_db


def test_a_healthy_site_names_every_dependency(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["state"] for name, check in body["checks"].items()} == {
        "database": "up",
        "cache": "up",
        "mail_queue": "up",
        "storage": "up",
    }
    assert body["checks"]["mail_queue"]["waiting"] == 0
    assert body["checks"]["storage"] == {"state": "up", "default": "up", "private": "up"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_probe_by_the_server_s_own_address_is_answered(client, settings):
    """A balancer's or orchestrator's probe asks the server by its address, not the site's name:
    it was refused as a host the site does not serve (400), so a healthy server looked down.
    Every other page still refuses such a host."""
    settings.ALLOWED_HOSTS = ["wpm.example.org"]
    for host in ("wpm.example.org", "127.0.0.1:8001", "10.0.0.7:8001"):
        response = client.get("/healthz", HTTP_HOST=host)
        assert response.status_code == 200, host
        assert response.json()["status"] == "ok"
        assert response["Cache-Control"].startswith("max-age=0")
    assert client.get("/en/", HTTP_HOST="10.0.0.7:8001").status_code == 400


def test_a_dead_database_takes_the_server_out(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("gone")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "checks": {"database": {"state": "down"}}}


def test_mail_that_waits_too_long_degrades_but_keeps_the_server_in(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    send_mail("Minutes", "Text", None, ["ana@example.org"])
    assert client.get("/healthz").json()["checks"]["mail_queue"]["state"] == "up"
    Mail.objects.update(created_at=timezone.now() - datetime.timedelta(hours=1))
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    queue = body["checks"]["mail_queue"]
    assert queue["state"] == "delayed" and queue["waiting"] == 1
    assert queue["oldest_waiting_seconds"] >= 3600


def test_failed_mail_degrades_until_staff_see_to_it(client):
    send_mail("Minutes", "Text", None, ["ana@example.org"])
    Mail.objects.update(status=Mail.Status.FAILED, failed_at=timezone.now())
    body = client.get("/healthz").json()
    assert body["status"] == "degraded"
    assert body["checks"]["mail_queue"]["state"] == "failing"
    assert body["checks"]["mail_queue"]["failed_last_day"] == 1
    Mail.objects.update(status=Mail.Status.SENT)
    assert client.get("/healthz").json()["status"] == "ok"


def test_a_mail_that_fails_today_degrades_however_old_it_is(client, settings):
    """Failures were counted by when a mail was queued: a mail from last week that staff sent
    again and that failed again today went unreported."""
    settings.MAIL_MAX_ATTEMPTS = 1
    send_mail("Last week", "Text", None, ["ana@example.org"])
    Mail.objects.update(
        status=Mail.Status.FAILED, created_at=timezone.now() - datetime.timedelta(days=7)
    )
    Mail.objects.all().send_again()
    mail = Mail.objects.get()
    mail.attempts = 1
    mail.attempt_failed("550 refused")
    queue = client.get("/healthz").json()["checks"]["mail_queue"]
    assert (queue["state"], queue["failed_last_day"]) == ("failing", 1)


def test_a_mail_cut_off_while_sending_degrades_and_staff_may_send_it_again(client):
    """A worker that died while sending left its mail "sending": /healthz said ok, and staff
    could not send it again, until another mail's delivery marked it failed."""
    send_mail("Reset your password", "A link", None, ["ana@example.org"])
    Mail.objects.update(
        status=Mail.Status.SENDING, sending_since=timezone.now() - datetime.timedelta(hours=3)
    )
    queue = client.get("/healthz").json()["checks"]["mail_queue"]
    assert (queue["state"], queue["failed_last_day"]) == ("failing", 1)
    assert Mail.objects.all().send_again() == [Mail.objects.get().pk]
    assert Mail.objects.get().status == Mail.Status.QUEUED


def test_storage_that_cannot_take_a_file_degrades_without_saying_where(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the photos' folder should be")
    settings.PRIVATE_MEDIA_ROOT = blocker / "private"
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["storage"] == {"state": "down", "default": "up", "private": "down"}
    assert str(tmp_path) not in response.content.decode()


class FullDisk(io.BytesIO):
    """A file on a full disk: made (it needs no free space), but refusing every byte."""

    def write(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_degrades_and_its_return_is_seen_within_30_seconds(client, monkeypatch):
    """An empty file is made on a full disk, where every upload fails: storage is up only
    when a folder takes a photo's worth of bytes. That is asked at most every 30 s."""
    monkeypatch.setattr(wpm_storage, "_checks", {})
    with mock.patch.object(tempfile, "TemporaryFile", lambda **kwargs: FullDisk()):
        storage = client.get("/healthz").json()["checks"]["storage"]
    assert storage == {"state": "down", "default": "down", "private": "down"}

    assert client.get("/healthz").json()["checks"]["storage"]["state"] == "down", "remembered"
    later = time.monotonic() + 31
    monkeypatch.setattr(wpm_storage, "monotonic", lambda: later)
    assert client.get("/healthz").json()["checks"]["storage"]["state"] == "up"
