"""The demo requester: verified, with requests in every state, made once, in development only."""

from io import StringIO

import pytest
from django.core.management import call_command

from appointments.models import Request, Requester
from demo.accounts import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", "--mediators", "0", "--processes", "0", stdout=StringIO())


def test_a_newcomer_finds_a_verified_requester_and_her_requests(settings, client):
    settings.DEVELOPMENT = True
    seed()
    seed()
    requester = Requester.objects.get(user__email="requester@example.org")
    assert requester.is_verified
    assert sorted(requester.requests.values_list("status", flat=True)) == ["draft", "sent"]
    sent = requester.requests.get(status=Request.Status.SENT)
    assert sent.languages.exists() and sent.expertise.exists() and sent.regions.exists()

    client.post(
        "/en/accounts/login/", {"login": "requester@example.org", "password": DEMO_PASSWORD}
    )
    page = client.get("/en/requests/").content.decode()
    assert "Co-mediator for a ceasefire dialogue (fictional)" in page
    assert "Gender and inclusion adviser for a national dialogue (fictional)" in page


def test_outside_development_there_is_no_demo_requester(settings):
    settings.DEVELOPMENT = False
    seed()
    assert not Requester.objects.exists() and not Request.objects.exists()


def test_with_mediators_she_has_requests_in_every_state(settings, client):
    settings.DEVELOPMENT = True
    call_command("seed_demo", "--mediators", "8", "--processes", "0", stdout=StringIO())
    requester = Requester.objects.get(user__email="requester@example.org")
    assert sorted(requester.requests.values_list("status", flat=True)) == [
        "closed",
        "draft",
        "proposed",
        "sent",
    ]
    proposed = requester.requests.get(status=Request.Status.PROPOSED)
    (shown,) = proposed.proposal()
    client.post(
        "/en/accounts/login/", {"login": "requester@example.org", "password": DEMO_PASSWORD}
    )
    page = client.get(f"/en/requests/{proposed.pk}/proposal/").content.decode()
    assert shown.mediator.display_name in page
    closed = requester.requests.get(status=Request.Status.CLOSED)
    assert closed.invitations.filter(outcome="appointed").count() == 1


def test_staff_find_the_demo_member_s_change_in_their_queue(settings):
    from mediators.models import Mediator

    settings.DEVELOPMENT = True
    seed()
    seed()
    member = Mediator.objects.changed_since_verification().get()
    assert member.user.email == "member@example.org"
    (change,) = member.changes_since_verification()
    assert (change.before, change.now) == (
        "Somalia, South Sudan, Sudan",
        "Ethiopia, Somalia, South Sudan, Sudan",
    )
