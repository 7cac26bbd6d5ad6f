"""Consent: a mediator answers her invitations in her member area, and sees who has her data."""

import datetime
import re
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from appointments.models import Invitation, Release
from tests.conftest import client_for
from tests.factories import MediatorFactory, RequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(requester):
    mediator = MediatorFactory(display_name="Ines Invited", bio_audience=1, photo_audience=2)
    request = RequestFactory(
        requester=requester.requester,
        title="Saltmarsh adviser",
        process_description="Coastal talks.",
        duration="Six months",
        status="sent",
    )
    return Invitation.objects.create(request=request, mediator=mediator)


def url(invitation):
    return f"/en/me/invitations/{invitation.pk}/"


def test_she_sees_her_invitations_and_the_request(invited):
    client = client_for(invited.mediator.user)
    listing = client.get("/en/me/invitations/").content.decode()
    assert "Saltmarsh adviser" in listing
    page = client.get(url(invited)).content.decode()
    assert "Coastal talks." in page
    assert "Six months" in page
    assert client.get("/en/me/").content.decode().count("/en/me/invitations/") == 1


def test_the_form_starts_from_what_members_see(invited):
    assert invited.parts_shown_to_members()[:2] == ["profile", "bio"]
    assert "photo" not in invited.parts_shown_to_members()
    assert "email" not in invited.parts_shown_to_members()


def test_a_restricted_request_hides_its_title_unless_staff_share_it(invited):
    """Its duration too, the requester's own words: she was shown it, where a restricted
    request shows only its role, track, dates and mode."""
    request = invited.request
    request.confidentiality = "restricted"
    request.save()
    client = client_for(invited.mediator.user)
    page = client.get(url(invited)).content.decode()
    assert "Saltmarsh" not in page
    assert "Coastal talks." not in page
    assert "Six months" not in page
    assert "A confidential request" in page
    assert "Saltmarsh" not in client.get("/en/me/invitations/").content.decode()
    request.share_details = True
    request.save()
    page = client.get(url(invited)).content.decode()
    assert "Saltmarsh adviser" in page and "Six months" in page


def test_she_accepts_releasing_chosen_parts_and_sees_the_record(invited):
    client = client_for(invited.mediator.user)
    response = client.post(url(invited), {"action": "accept", "parts": ["profile", "email"]})
    assert response.status_code == 302
    invited.refresh_from_db()
    assert (invited.status, invited.released) == ("accepted", ["profile", "email"])
    release = Release.objects.get()
    assert (release.invitation, release.parts, release.action) == (
        invited,
        ["profile", "email"],
        "released",
    )
    page = client.get(url(invited)).content.decode()
    assert "Ravenglass Mediation Unit" in page
    assert "Email address" in page
    client.post(url(invited), {"action": "withdraw"})
    invited.refresh_from_db()
    assert (invited.status, invited.released) == ("withdrawn", [])
    assert list(Release.objects.values_list("action", flat=True)) == ["released", "withdrawn"]


def test_who_has_her_data_gives_its_times_with_their_zone(invited):
    """A mediator in Manila read "Dec. 7, 2026, 1 a.m.: Released", on Berlin's clock, and the
    page did not say so."""
    client = client_for(invited.mediator.user)
    client.post(url(invited), {"action": "accept", "parts": ["profile"]})
    release = Release.objects.get()
    Release.objects.filter(pk=release.pk).update(
        at=datetime.datetime(2026, 12, 7, 0, 0, tzinfo=datetime.UTC)
    )
    page = client.get(url(invited)).content.decode()
    assert "Dec. 7, 2026, 1 a.m.</time> (Germany (Berlin) Time): Released" in page
    german = client.get(f"/de/me/invitations/{invited.pk}/").content.decode()
    assert "(Deutschland (Berlin) (Ortszeit))" in german


def test_she_declines_without_a_reason(invited):
    response = client_for(invited.mediator.user).post(url(invited), {"action": "decline"})
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.status == "declined"
    assert not Release.objects.exists()


def test_after_the_deadline_it_lapses_and_cannot_be_answered(invited):
    request = invited.request
    request.proposals_due = datetime.date(2020, 1, 1)
    request.start_date = datetime.date(2020, 2, 1)
    request.save()
    client = client_for(invited.mediator.user)
    response = client.post(url(invited), {"action": "accept", "parts": ["profile"]})
    assert response.status_code == 400
    assert "can no longer be answered" in response.content.decode()
    invited.refresh_from_db()
    assert invited.status == "invited"
    assert invited.current_status == "lapsed"
    assert "Lapsed" in client.get("/en/me/invitations/").content.decode()


def test_nobody_else_reaches_her_invitation(invited, member, focal_point, requester):
    for user in (member, focal_point, requester):
        assert client_for(user).get(url(invited)).status_code == 404
        assert client_for(user).post(url(invited), {"action": "decline"}).status_code == 404
    invited.refresh_from_db()
    assert invited.status == "invited"
    assert client_for(None).get(url(invited)).status_code == 302


def test_a_hostile_title_stays_text(invited):
    invited.request.title = "<script>alert(1)</script>"
    invited.request.save()
    page = client_for(invited.mediator.user).get(url(invited)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;" in page


def test_a_yes_always_releases_her_name_and_the_core_of_her_profile(invited):
    """The requester cannot weigh, nor appoint, a mediator she may not name: a yes without
    the first box is refused, saying why, and releases nothing."""
    client = client_for(invited.mediator.user)
    page = client.get(url(invited)).content.decode()
    # The first box says all that it releases (includes/released_profile.html shows that).
    assert "track experience, professional background and years of mediation experience" in page
    for parts in (["bio"], []):
        response = client.post(url(invited), {"action": "accept", "parts": parts})
        assert response.status_code == 400
        # The reason stands beside the boxes, which it describes to a screen reader.
        boxes = re.search(r"<fieldset.*?</fieldset>", response.content.decode(), re.DOTALL)[0]
        assert boxes.startswith('<fieldset aria-describedby="id_parts_error">')
        assert re.search(
            r'<ul class="errorlist" id="id_parts_error"><li>A yes always releases', boxes
        )
        assert boxes.count('aria-invalid="true"') == boxes.count('type="checkbox"') > 1
    invited.refresh_from_db()
    assert (invited.status, invited.released) == ("invited", [])
    assert not Release.objects.exists()


def test_a_closed_request_takes_no_yes_but_a_withdrawal(invited):
    other = Invitation.objects.create(
        request=invited.request, mediator=MediatorFactory(display_name="Olga Other")
    )
    other.accept(["profile"])
    invited.request.close("cancelled")
    response = client_for(invited.mediator.user).post(
        url(invited), {"action": "accept", "parts": ["profile", "email"]}
    )
    assert response.status_code == 400
    assert "This invitation can no longer be answered." in response.content.decode()
    invited.refresh_from_db()
    assert invited.status == "invited"
    assert not invited.releases.exists()
    # Her yes to it can still be taken back: the requester loses her data at once.
    response = client_for(other.mediator.user).post(url(other), {"action": "withdraw"})
    assert response.status_code == 302
    other.refresh_from_db()
    assert (other.status, other.released) == ("withdrawn", [])


def _overlapping(monkeypatch, method, second_post):
    """The second of two POSTs (a double click, a second tab) arrives while the first is between
    its check and its write: the first's write runs after the second's."""
    original = getattr(Invitation, method)
    calls = []

    def write_after_the_other(self, *args):
        calls.append(method)
        if len(calls) == 1:
            second_post()
        return original(self, *args)

    monkeypatch.setattr(Invitation, method, write_after_the_other)
    return calls


def test_two_answers_sent_at_once_record_one(invited, monkeypatch):
    client = client_for(invited.mediator.user)
    calls = _overlapping(
        monkeypatch,
        "accept",
        lambda: client.post(url(invited), {"action": "accept", "parts": ["profile", "email"]}),
    )
    response = client.post(url(invited), {"action": "accept", "parts": ["profile"]}, follow=True)
    assert calls == ["accept", "accept"]
    assert "You had answered already: this is the answer recorded." in response.content.decode()
    invited.refresh_from_db()
    # The answer recorded is the one that was written first, and only it.
    assert invited.released == ["profile", "email"]
    assert list(Release.objects.values_list("parts", flat=True)) == [["profile", "email"]]


def test_a_no_sent_with_a_yes_does_not_overturn_it(invited, monkeypatch):
    client = client_for(invited.mediator.user)
    _overlapping(
        monkeypatch,
        "decline",
        lambda: client.post(url(invited), {"action": "accept", "parts": ["profile"]}),
    )
    client.post(url(invited), {"action": "decline"})
    invited.refresh_from_db()
    assert (invited.status, invited.released) == ("accepted", ["profile"])
    assert Release.objects.count() == 1


def test_her_invitations_take_the_same_queries_however_many(
    invited, requester, django_assert_num_queries
):
    """Each row says whether she is in a proposal, which asks whether the network lists her:
    read with her invitations, not once a row."""
    client = client_for(invited.mediator.user)
    client.get("/en/me/invitations/")  # the session warm
    # The session and sign-in (7), her profile, her invitations with their requests.
    with django_assert_num_queries(9):
        client.get("/en/me/invitations/")
    for _n in range(5):
        other = RequestFactory(
            requester=requester.requester, title="Fenland adviser", status="sent"
        )
        Invitation.objects.create(
            request=other, mediator=invited.mediator, status="accepted", proposed_at=timezone.now()
        )
    with django_assert_num_queries(9):
        page = client.get("/en/me/invitations/").content.decode()
    assert page.count("Fenland adviser") == 5
    assert page.count("proposed to the requester") == 5


@pytest.mark.parametrize(("first", "again"), [("accept", "accept"), ("decline", "accept")])
def test_an_answer_sent_twice_says_which_answer_stands(invited, first, again):
    """A second click, or the page before it sent again, was refused as an invitation that can
    no longer be answered, with the request open and her answer recorded."""
    client = client_for(invited.mediator.user)
    answer = {"action": first, "parts": ["profile"]}
    assert client.post(url(invited), answer).status_code == 302
    response = client.post(url(invited), {"action": again, "parts": ["profile"]}, follow=True)
    page = response.content.decode()
    assert "You had answered already: this is the answer recorded." in page
    assert "can no longer be answered" not in page
    invited.refresh_from_db()
    assert invited.status == {"accept": "accepted", "decline": "declined"}[first]
    assert Release.objects.count() == int(first == "accept")


def _clock_at(monkeypatch, moment):
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))


def test_the_date_for_proposals_holds_until_it_has_ended_everywhere(invited, monkeypatch):
    """A mediator in New York, answering on the evening of the day her invitation names (past
    midnight in Berlin), was refused as lapsed."""
    request = invited.request
    request.proposals_due = datetime.date(2030, 3, 12)
    request.start_date = datetime.date(2030, 4, 1)
    request.save()
    invited.send_invitation()
    assert "by the end of March 12, 2030, wherever you are" in mail.outbox[0].body
    client = client_for(invited.mediator.user)
    assert (
        "The end of March 12, 2030, wherever you are" in client.get(url(invited)).content.decode()
    )

    new_york = zoneinfo.ZoneInfo("America/New_York")
    _clock_at(monkeypatch, datetime.datetime(2030, 3, 12, 18, 30, tzinfo=new_york))
    client = client_for(invited.mediator.user)  # signed in on the day
    response = client.post(url(invited), {"action": "accept", "parts": ["profile"]})
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.status == "accepted"


def test_the_date_for_proposals_lapses_once_it_has_ended_everywhere(invited, monkeypatch):
    request = invited.request
    request.proposals_due = datetime.date(2030, 3, 12)
    request.start_date = datetime.date(2030, 4, 1)
    request.save()
    # Noon in London on the 13th: the 12th is over even in the last place on earth.
    _clock_at(monkeypatch, datetime.datetime(2030, 3, 13, 12, 1, tzinfo=datetime.UTC))
    client = client_for(invited.mediator.user)
    response = client.post(url(invited), {"action": "accept", "parts": ["profile"]})
    assert response.status_code == 400
    invited.refresh_from_db()
    assert invited.current_status == "lapsed"
    assert list(Invitation.objects.lapsed()) == [invited]


def test_a_requester_may_ask_for_proposals_by_her_own_today(requester, monkeypatch):
    """In New York in the evening, Berlin is already a day further: her today was refused as a
    date in the past."""
    new_york = zoneinfo.ZoneInfo("America/New_York")
    _clock_at(monkeypatch, datetime.datetime(2030, 3, 12, 21, 0, tzinfo=new_york))
    draft = RequestFactory(
        requester=requester.requester,
        status="draft",
        proposals_due=datetime.date(2030, 3, 12),
        start_date=datetime.date(2030, 4, 1),
    )
    draft.full_clean()
    draft.proposals_due = datetime.date(2030, 3, 10)
    with pytest.raises(ValidationError) as refused:
        draft.full_clean()
    assert "cannot be in the past" in str(refused.value)
