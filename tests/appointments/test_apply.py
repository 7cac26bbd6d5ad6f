"""Becoming a requester: she applies on the site, staff verify or decline her in the admin."""

import pytest
from django.core import mail

from appointments.models import Requester
from tests.conftest import client_for
from tests.factories import RequesterFactory, RequestFactory, UserFactory

pytestmark = pytest.mark.django_db

APPLY = "/en/requests/apply/"
APPLICATION = {"organisation": "Saltmarsh Ministry", "position": "Desk officer", "consent": "on"}


def test_a_signed_in_newcomer_applies_as_a_requester(newcomer):
    client = client_for(newcomer)
    page = client.get(APPLY)
    assert page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = client.post(APPLY, APPLICATION)
    assert response.status_code == 302
    assert response["Location"] == "/en/requests/"
    requester = Requester.objects.get(user=newcomer)
    assert (requester.organisation, requester.status) == ("Saltmarsh Ministry", "applied")
    assert not requester.is_verified
    # Applying again shows her status instead of a second form.
    again = client.get(APPLY).content.decode()
    assert "Status: Applied" in again
    assert "<form" not in again.split("<main")[-1]


def test_the_application_asks_for_consent_and_whole_fields(newcomer):
    client = client_for(newcomer)
    response = client.post(APPLY, {"organisation": "", "position": "x" * 201})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing has been saved yet" in page
    assert "Please agree, or we cannot verify you." in page
    assert "This field is required." in page
    assert "at most 200 characters" in page
    assert not Requester.objects.exists()


def test_the_application_refuses_a_line_break_in_the_organisation(newcomer):
    response = client_for(newcomer).post(
        APPLY, {**APPLICATION, "organisation": "Ministry\nBcc: all@example.org"}
    )
    assert response.status_code == 400
    assert not Requester.objects.exists()


def test_anyone_reads_how_to_ask_and_a_sign_in_comes_first(client):
    page = client.get("/en/").content.decode()
    assert f'href="{APPLY}"' in page  # from every page's footer
    response = client.get(APPLY)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Ask the network for women mediators" in body
    assert f"/en/accounts/signup/?next={APPLY}" in body
    response = client.post(APPLY, APPLICATION)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")
    assert not Requester.objects.exists()


@pytest.mark.parametrize("persona", ["member", "applicant", "staff"])
def test_members_and_staff_are_not_requesters(persona, request):
    """A mediator of the network does not request mediators; staff handle the requests."""
    client = client_for(request.getfixturevalue(persona))
    assert client.get(APPLY).status_code == 404
    assert client.post(APPLY, APPLICATION).status_code == 404
    assert client.get("/en/requests/").status_code == 404
    assert client.get("/en/requests/new/").status_code == 404
    assert not Requester.objects.exists()


def test_someone_who_may_apply_is_sent_to_apply(newcomer):
    client = client_for(newcomer)
    for path in ("/en/requests/", "/en/requests/new/"):
        response = client.get(path)
        assert (response.status_code, response["Location"]) == (302, APPLY)


# The admin's queue.


def _waiting(email, organisation):
    return RequesterFactory(
        user=UserFactory(email=email), organisation=organisation, status="applied"
    )


def test_the_admin_lists_the_applications_waiting_first(focal_point):
    _waiting("waiting@example.org", "Waitingford Office")
    RequesterFactory(organisation="Verifiedham Unit")
    client = client_for(focal_point)
    page = client.get("/admin/appointments/requester/").content.decode()
    assert "Waitingford Office" in page
    assert "Verifiedham Unit" not in page
    everyone = client.get("/admin/appointments/requester/?status=all").content.decode()
    assert "Waitingford Office" in everyone
    assert "Verifiedham Unit" in everyone


def test_a_search_finds_a_requester_whatever_became_of_her_application(focal_point):
    """A verified requester writes in; her address typed into the search found nothing, as
    the list kept to the applications waiting."""
    RequesterFactory(user=UserFactory(email="rana.verified@example.org"), organisation="Rana Org")
    _waiting("waiting@example.org", "Waitingford Office")
    client = client_for(focal_point)
    found = client.get("/admin/appointments/requester/", {"q": "rana.verified@example.org"})
    assert [requester.organisation for requester in found.context["cl"].result_list] == ["Rana Org"]
    waiting = client.get(
        "/admin/appointments/requester/", {"q": "example.org", "status": "applied"}
    )
    assert [requester.organisation for requester in waiting.context["cl"].result_list] == [
        "Waitingford Office"
    ]


def test_a_search_finds_a_request_by_its_requester(focal_point):
    """A requester writes in about her request: neither her address nor her name found it."""
    requester = RequesterFactory(
        user=UserFactory(email="rosa.request@example.org", name="Rosa Request")
    )
    RequestFactory(status="sent", requester=requester, title="Adviser for the talks")
    RequestFactory(status="sent", title="Another request")
    client = client_for(focal_point)
    for words in ("rosa.request@example.org", "Rosa Request"):
        found = client.get("/admin/appointments/request/", {"q": words})
        assert [request.title for request in found.context["cl"].result_list] == [
            "Adviser for the talks"
        ], words


@pytest.mark.parametrize(
    ("action", "status", "subject", "words"),
    [
        ("approve", "verified", "You can now send requests", "/en/requests/"),
        ("decline", "declined", "About your application", "cannot verify it"),
    ],
)
def test_staff_decide_and_the_requester_hears_by_email(focal_point, action, status, subject, words):
    waiting = _waiting("waiting@example.org", "Waitingford Office")
    other = _waiting("other.waiting@example.org", "Otherford Office")
    response = client_for(focal_point).post(
        "/admin/appointments/requester/", {"action": action, "_selected_action": [waiting.pk]}
    )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == status
    assert waiting.decided_by == focal_point
    assert waiting.decided_at is not None
    other.refresh_from_db()
    assert other.status == "applied"
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["waiting@example.org"]
    assert subject in sent.subject
    assert words in sent.body
    assert "Waitingford Office" in sent.body


def test_the_decision_reaches_her_in_the_language_she_applied_in(newcomer, focal_point):
    client_for(newcomer).post("/de/requests/apply/", APPLICATION)
    requester = Requester.objects.get(user=newcomer)
    assert requester.language == "de"
    client_for(focal_point).post(
        "/admin/appointments/requester/", {"action": "approve", "_selected_action": [requester.pk]}
    )
    assert "/de/requests/" in mail.outbox[0].body


def test_a_decision_that_changes_nothing_sends_nothing(focal_point, requester):
    verified = requester.requester
    client_for(focal_point).post(
        "/admin/appointments/requester/", {"action": "approve", "_selected_action": [verified.pk]}
    )
    verified.refresh_from_db()
    assert verified.decided_by is None
    assert mail.outbox == []


def test_staff_without_the_role_cannot_decide(staff):
    waiting = _waiting("waiting@example.org", "Waitingford Office")
    response = client_for(staff).post(
        "/admin/appointments/requester/", {"action": "approve", "_selected_action": [waiting.pk]}
    )
    assert response.status_code == 403
    waiting.refresh_from_db()
    assert waiting.status == "applied"
    assert mail.outbox == []


def test_two_applications_sent_at_once_make_one_requester(newcomer, monkeypatch):
    from appointments.forms import ApplyForm

    client = client_for(newcomer)
    original = ApplyForm.clean_position
    calls = []

    def checked_then_the_other_tab_applies(self):
        calls.append(1)
        if len(calls) == 1:
            client.post(APPLY, APPLICATION)
        return original(self)

    monkeypatch.setattr(ApplyForm, "clean_position", checked_then_the_other_tab_applies)
    response = client.post(APPLY, APPLICATION, follow=True)
    assert response.status_code == 200
    assert "Status: Applied" in response.content.decode()
    assert Requester.objects.filter(user=newcomer).count() == 1
