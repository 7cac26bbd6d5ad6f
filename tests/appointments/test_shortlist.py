"""The shortlist: focal points invite candidates, who are told by email."""

import pytest
from django.core import mail

from appointments.models import Invitation, Need, RequestLanguage
from tests.appointments.test_matching import _mediator, candidates_url
from tests.conftest import client_for
from tests.factories import RequestFactory

pytestmark = pytest.mark.django_db


def shortlist_url(request):
    return f"/admin/appointments/request/{request.pk}/shortlist/"


@pytest.fixture
def sent(requester):
    request = RequestFactory(
        requester=requester.requester, title="Saltmarsh adviser", status="sent"
    )
    RequestLanguage.objects.create(request=request, code="ar", level=5, need=Need.REQUIRED)
    return request


def test_a_focal_point_shortlists_a_candidate_who_is_invited_by_email(sent, focal_point):
    hidden = _mediator("Hana Hidden", languages=[("ar", 6)], visibility="hidden")
    client = client_for(focal_point)
    response = client.post(shortlist_url(sent), {"mediator": hidden.pk, "note": "Led Cedar talks"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.request, invitation.mediator, invitation.added_by) == (
        sent,
        hidden,
        focal_point,
    )
    assert (invitation.note, invitation.status) == ("Led Cedar talks", "invited")
    assert [message.to for message in mail.outbox] == [[hidden.user.email]]
    assert "Saltmarsh" not in mail.outbox[0].body  # the request's details stay in the member area
    page = client.get(candidates_url(sent)).content.decode()
    assert "On the shortlist" in page
    assert "Fewer than 3 women on the shortlist have accepted." in page


def test_she_is_shortlisted_once(sent, focal_point):
    mediator = _mediator("Hana Hidden", languages=[("ar", 6)])
    client = client_for(focal_point)
    client.post(shortlist_url(sent), {"mediator": mediator.pk, "note": ""})
    response = client.post(shortlist_url(sent), {"mediator": mediator.pk, "note": ""}, follow=True)
    assert "She is on the shortlist already." in response.content.decode()
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_three_acceptances_clear_the_warning(sent, focal_point):
    for n in range(3):
        mediator = _mediator(f"Accepting {n}", languages=[("ar", 6)])
        Invitation.objects.create(request=sent, mediator=mediator, status="accepted")
    page = client_for(focal_point).get(candidates_url(sent)).content.decode()
    assert "have accepted" not in page
    # One of them declined by staff since: she cannot be proposed, so she does not count.
    sent.invitations.first().mediator.review("declined")
    page = client_for(focal_point).get(candidates_url(sent)).content.decode()
    assert "Fewer than 3 women on the shortlist have accepted." in page


def test_unapproved_profiles_cannot_be_shortlisted(sent, focal_point):
    draft = _mediator("Dora Draft", status="submitted")
    client_for(focal_point).post(shortlist_url(sent), {"mediator": draft.pk})
    assert not Invitation.objects.exists()


def test_outsiders_cannot_shortlist(sent, focal_point, staff, member):
    sent.confidentiality = "restricted"
    sent.save()
    mediator = _mediator("Hana Hidden")
    data = {"mediator": mediator.pk}
    assert client_for(focal_point).post(shortlist_url(sent), data).status_code == 404
    assert client_for(staff).post(shortlist_url(sent), data).status_code == 404
    assert client_for(member).post(shortlist_url(sent), data).status_code == 302  # admin login
    assert client_for(focal_point).get(shortlist_url(sent)).status_code == 405
    assert not Invitation.objects.exists()


def test_a_hostile_note_stays_text(sent, focal_point):
    mediator = _mediator("Hana Hidden")
    payload = "<script>alert(1)</script>"
    client = client_for(focal_point)
    client.post(shortlist_url(sent), {"mediator": mediator.pk, "note": payload})
    page = client.get(candidates_url(sent)).content.decode()
    assert payload not in page
    assert "&lt;script&gt;" in page


def test_an_unanswered_invitation_lapses_after_the_deadline(sent):
    import datetime

    invitation = Invitation.objects.create(request=sent, mediator=_mediator("Late Lina"))
    assert not invitation.is_lapsed
    sent.proposals_due = sent.proposals_due.replace(year=2020)
    sent.start_date = sent.proposals_due + datetime.timedelta(days=1)
    sent.save()
    invitation.refresh_from_db()
    assert invitation.is_lapsed
    assert invitation.get_current_status_display() == "Lapsed"
    assert list(Invitation.objects.lapsed()) == [invitation]


def test_an_unanswered_invitation_lapses_when_the_request_closes_before_the_deadline(
    sent, focal_point
):
    """Her mail asked her to answer by a date; once the request is closed she can no longer
    answer, and her page and the focal points' shortlist said "Invited" all the same."""
    lina = _mediator("Late Lina")
    invitation = Invitation.objects.create(request=sent, mediator=lina)
    sent.close("cancelled")
    invitation.refresh_from_db()
    assert invitation.is_lapsed and not invitation.may_answer
    assert list(Invitation.objects.lapsed()) == [invitation]
    page = client_for(lina.user).get(f"/en/me/invitations/{invitation.pk}/").content.decode()
    assert "<dd>Lapsed" in page and "<dd>Invited" not in page
    shortlist = client_for(focal_point).get(candidates_url(sent)).content.decode()
    assert "Late Lina: Lapsed" in shortlist


def test_two_focal_points_shortlisting_her_at_once_invite_her_once(sent, focal_point, monkeypatch):
    from appointments.forms import ShortlistForm

    mediator = _mediator("Hana Hidden", languages=[("ar", 6)])
    client = client_for(focal_point)
    original = ShortlistForm.clean_mediator
    calls = []

    def checked_then_the_other_shortlists(self):
        calls.append(1)
        found = original(self)
        if len(calls) == 1:  # the other focal point's POST lands between check and write
            client.post(shortlist_url(sent), {"mediator": mediator.pk, "note": ""})
        return found

    monkeypatch.setattr(ShortlistForm, "clean_mediator", checked_then_the_other_shortlists)
    response = client.post(shortlist_url(sent), {"mediator": mediator.pk, "note": ""}, follow=True)
    assert response.status_code == 200
    assert "She is on the shortlist already." in response.content.decode()
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_nobody_is_invited_once_the_proposals_are_due(sent, focal_point):
    import datetime

    from django.utils import timezone

    mediator = _mediator("Late Lina", languages=[("ar", 6)])
    due = timezone.localdate() - datetime.timedelta(days=2)  # past even where the day ends last
    sent.proposals_due, sent.start_date = due, due + datetime.timedelta(days=30)
    sent.save()
    response = client_for(focal_point).post(
        shortlist_url(sent), {"mediator": mediator.pk, "note": ""}, follow=True
    )
    assert "nobody can be invited any more" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_request_s_past_version_at_no_key_is_not_found(sent, focal_point):
    """A word where the version's number belongs was a server error."""
    url = f"/admin/appointments/request/{sent.pk}/history/abc/"
    assert client_for(focal_point).get(url).status_code == 404


def test_a_request_s_past_versions_are_shown_and_never_reverted(sent, focal_point):
    """A revert would save the whole old row, its status and dates included: a closed
    request would be a draft again, which its requester could edit or discard, taking every
    mediator's answer with it."""
    first = sent.history.earliest()
    sent.close("cancelled")
    sent.refresh_from_db()
    client = client_for(focal_point)
    url = f"/admin/appointments/request/{sent.pk}/history/{first.history_id}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Revert" not in page.content.decode()
    form = page.context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    assert client.post(url, data).status_code == 403
    sent.refresh_from_db()
    assert (sent.status, sent.outcome) == ("closed", "cancelled")
    assert sent.closed_at is not None
