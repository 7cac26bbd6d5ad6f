"""Two writes at the very same time, on two connections to PostgreSQL: of a mediator's two
answers, a requester's two sends, two outcomes of one proposal or a visitor's two clicks on a
message to a mediator, one is recorded; the other waits for it and then knows."""

import threading
import time

import pytest
from django.core import mail
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from appointments.forms import OutcomeForm
from appointments.models import Invitation, Release, Request
from mediators.models import ContactMessage
from tests.factories import MediatorFactory, RequestFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite writes one at a time; CI runs the suite on PostgreSQL too",
    ),
]


def _one_waits_for_the_other(write):
    """write() on two connections: the first holds its transaction open until the second is
    seen waiting for its lock, then commits. What each write returned, in order."""
    written = threading.Event()
    go_on = threading.Event()
    results = {}

    def first():
        try:
            with transaction.atomic():
                results["first"] = write()
                written.set()
                go_on.wait(10)
        finally:
            connections.close_all()

    def second():
        try:
            written.wait(10)
            results["second"] = write()
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                break
            time.sleep(0.02)
        else:
            go_on.set()
            pytest.fail("the second write never waited for the first")
    go_on.set()
    for thread in threads:
        thread.join(10)
    return results


def test_two_answers_at_once_record_one(requester):
    request = RequestFactory(requester=requester.requester, status="sent")
    invitation = Invitation.objects.create(request=request, mediator=MediatorFactory())
    parts = iter([["profile"], ["profile", "email"]])

    def accept():
        return Invitation.objects.get(pk=invitation.pk).accept(next(parts))

    assert _one_waits_for_the_other(accept) == {"first": True, "second": False}
    invitation.refresh_from_db()
    assert invitation.released == ["profile"]
    assert list(Release.objects.values_list("parts", flat=True)) == [["profile"]]


def test_two_sends_at_once_send_once(requester):
    draft = RequestFactory(requester=requester.requester, status="draft")

    def send():
        return Request.objects.get(pk=draft.pk).send()

    assert _one_waits_for_the_other(send) == {"first": True, "second": False}


def test_two_clicks_at_once_on_a_message_to_her_send_it_once(member):
    url = reverse("mediators:contact", args=[member.mediator.slug])
    data = {
        "name": "Dora Diplomat",
        "email": "dora@ministry.example",
        "purpose": "mediation",
        "message": "Would you advise on a ceasefire process?",
    }

    def click():
        return Client().post(url, data).status_code

    assert _one_waits_for_the_other(click) == {"first": 302, "second": 400}
    assert ContactMessage.objects.count() == 1
    assert len(mail.outbox) == 1


def test_two_outcomes_at_once_record_the_first(requester):
    """The requester and a focal point record what came of a proposal at the same time."""
    request = RequestFactory(requester=requester.requester, status="sent")
    invitation = Invitation.objects.create(
        request=request, mediator=MediatorFactory(), status="accepted"
    )
    request.propose()
    outcomes = iter([("appointed", "from-list"), ("not-selected", "otherwise")])

    def record():
        theirs, its = next(outcomes)
        fresh = Request.objects.get(pk=request.pk)
        form = OutcomeForm(
            {f"candidate-{invitation.pk}": theirs, "outcome": its},
            appointment_request=fresh,
            candidates=fresh.proposal(),
        )
        return form.is_valid() and form.save()

    assert _one_waits_for_the_other(record) == {"first": True, "second": False}
    request.refresh_from_db()
    invitation.refresh_from_db()
    assert (request.outcome, invitation.outcome) == ("from-list", "appointed")
