"""A requester's share of her personal data: in her export, gone with her account."""

import json

import pytest
from django.contrib.admin.models import CHANGE, LogEntry

from appointments.models import Access, Invitation, Request, Requester
from tests.conftest import client_for
from tests.factories import MediatorFactory, RequestFactory
from wpm.privacy import erase, personal_data

pytestmark = pytest.mark.django_db


def test_her_export_holds_her_application_and_requests(draft, other_requester):
    requester = draft.requester.user
    data = personal_data(requester)["requester"]
    assert data["organisation"] == "Ravenglass Mediation Unit"
    (request,) = data["requests"]
    assert request["title"] == "Driftwood ceasefire adviser"
    assert request["languages"] == [{"code": "ar", "level": 5, "need": "required"}]
    assert personal_data(other_requester)["requester"]["requests"] == []


def test_her_export_holds_the_record_of_each_time_she_looked_at_a_proposal(requester, focal_point):
    """The site records each time she views a proposal, downloads its dossier or writes to a
    mediator in it; her download said nothing of it."""
    asked = RequestFactory(
        requester=requester.requester, title="Saltmarsh envoy", status="proposed"
    )
    invitation = Invitation.objects.create(request=asked, mediator=MediatorFactory())
    for kind in (Access.Kind.VIEWED, Access.Kind.DOSSIER):
        Access.objects.create(request=asked, user=requester, kind=kind)
    Access.objects.create(
        request=asked, user=requester, kind=Access.Kind.CONTACTED, invitation=invitation
    )
    Access.objects.create(request=asked, user=focal_point, kind=Access.Kind.VIEWED)
    data = json.loads(client_for(requester).get("/en/me/data/?download=1").content)
    (request,) = data["requester"]["requests"]
    assert [access["what"] for access in request["accesses"]] == ["viewed", "dossier", "contacted"]
    assert all(access["at"] for access in request["accesses"])


def test_someone_who_never_applied_has_no_share(member):
    assert personal_data(member)["requester"] is None


def test_the_download_holds_her_requests(draft):
    response = client_for(draft.requester.user).get("/en/me/data/?download=1")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert json.loads(body)["requester"]["requests"][0]["title"] == "Driftwood ceasefire adviser"


def test_deleting_her_account_removes_her_drafts_and_purges_what_she_sent(draft, superuser):
    requester = draft.requester
    draft.title = "Driftwood, renamed"
    draft.save()
    sent = RequestFactory(requester=requester, title="Saltmarsh envoy", status="sent")
    LogEntry.objects.log_actions(
        superuser.pk, [requester], CHANGE, change_message="Decision: verified", single_object=True
    )
    erase(requester.user)
    assert not Requester.objects.exists()
    # The sent request still counts, with nothing left that names her or what she asked.
    assert list(Request.objects.values_list("pk", "requester", "title", "role")) == [
        (sent.pk, None, "", sent.role_id)
    ]
    assert not Request.history.exists()
    entry = LogEntry.objects.get()
    assert "Ravenglass" not in entry.object_repr
    assert entry.change_message == ""


def test_a_request_still_open_when_she_leaves_is_cancelled_and_nobody_is_invited_to_it(
    requester, focal_point
):
    """Nobody is left to propose to: a focal point who had not noticed would invite a mediator
    to a request with no title, and she could release her profile to no one."""
    from django.core import mail

    from appointments.models import Invitation
    from tests.factories import MediatorFactory

    sent = RequestFactory(requester=requester.requester, title="Saltmarsh envoy", status="sent")
    erase(requester)
    sent.refresh_from_db()
    assert (sent.status, sent.outcome) == ("closed", "cancelled")
    assert sent.closed_at is not None
    mediator = MediatorFactory()
    client_for(focal_point).post(
        f"/admin/appointments/request/{sent.pk}/shortlist/", {"mediator": mediator.pk}
    )
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_her_invitations_are_in_her_export_and_go_with_her_account(requester, superuser):
    from appointments.models import Invitation
    from tests.factories import MediatorFactory, RequestFactory

    mediator = MediatorFactory(display_name="Ines Invited")
    ordinary = RequestFactory(requester=requester.requester, title="Open adviser", status="sent")
    restricted = RequestFactory(
        requester=requester.requester,
        title="Secret envoy",
        confidentiality="restricted",
        status="sent",
    )
    Invitation.objects.create(request=ordinary, mediator=mediator, note="Strong on talks")
    Invitation.objects.create(
        request=restricted, mediator=mediator, status="accepted", released=["bio"]
    )
    data = personal_data(mediator.user)["invitations"]
    assert [(row["request"], row["status"], row["released"]) for row in data] == [
        ("Open adviser", "invited", []),
        (None, "accepted", ["bio"]),
    ]
    assert "Secret envoy" not in json.dumps(data, default=str)
    erase(mediator.user)
    # Off every shortlist: each answer stays, nameless, for the public numbers.
    assert list(Invitation.objects.values_list("mediator", "note", "released", "status")) == [
        (None, "", [], "invited"),
        (None, "", [], "accepted"),
    ]
    assert not ordinary.shortlist().exists()
    assert Request.objects.count() == 2


@pytest.mark.parametrize("deleted", ["requester", "account"])
def test_a_requester_deleted_in_the_back_office_takes_her_requests(
    requester, superuser, focal_point, deleted
):
    """As when she deletes her account herself: her sent request stayed open and nameless
    (a focal point could still invite mediators to it), her draft and history stayed whole."""
    sent = RequestFactory(requester=requester.requester, title="Saltmarsh envoy", status="sent")
    draft = RequestFactory(requester=requester.requester, title="Driftwood draft")
    address = {
        "requester": f"/admin/appointments/requester/{requester.requester.pk}/delete/",
        "account": f"/admin/wpm/user/{requester.pk}/delete/",
    }[deleted]
    assert client_for(superuser).post(address, {"post": "yes"}).status_code == 302
    assert not Requester.objects.exists()
    sent.refresh_from_db()
    assert (sent.status, sent.outcome, sent.title) == ("closed", "cancelled", "")
    assert not Request.objects.filter(pk=draft.pk).exists()
    assert not Request.history.filter(title__in=["Saltmarsh envoy", "Driftwood draft"]).exists()
    mediator = MediatorFactory()
    client_for(focal_point).post(
        f"/admin/appointments/request/{sent.pk}/shortlist/", {"mediator": mediator.pk}
    )
    assert not Invitation.objects.exists()


def test_her_data_page_speaks_of_what_a_requester_has(requester, member):
    """It told a requester of her profile, photo and the messages she received, none of which
    she has, and nothing of her requests."""
    page = client_for(requester).get("/en/me/data/").content.decode()
    assert "your application as a requester, every request you filed" in page
    assert "your profile, your photo" not in page
    assert "those still open are cancelled" in page
    page = client_for(member).get("/en/me/data/").content.decode()
    assert "your profile with all its sections" in page


def test_confirming_the_deletion_speaks_of_what_a_requester_has(requester, member):
    """The page where she confirms told a requester her profile, photo and the messages she
    received would go, none of which she has, and nothing of what becomes of her requests."""
    page = client_for(requester).get("/en/me/delete/").content.decode()
    assert "your profile, your photo" not in page
    assert "Requests you sent stay in the network's figures" in page
    assert "those still open are cancelled" in page
    page = client_for(member).get("/en/me/delete/").content.decode()
    assert "your profile, your photo and the messages you received" in page
