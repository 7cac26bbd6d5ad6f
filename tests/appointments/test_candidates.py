"""The candidates page as focal points work from it: whom it links to, in which order, what it
says of each and what it offers once the request closes or its proposals are due."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from appointments.models import Invitation, Need, Request, RequestLanguage
from mediators.models import MediatorLanguage
from tests.conftest import client_for
from tests.factories import MediatorFactory, RequestFactory

pytestmark = pytest.mark.django_db


def _url(request, step="candidates"):
    return f"/admin/appointments/request/{request.pk}/{step}/"


def _speaker(name, level=5, **fields):
    mediator = MediatorFactory(display_name=name, **fields)
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=level)
    mediator.refresh_search()
    return mediator


@pytest.fixture
def sought(requester):
    """Sent, open, asking for Arabic at B2."""
    request = RequestFactory(requester=requester.requester, title="Heron talks", status="sent")
    RequestLanguage.objects.create(request=request, code="ar", level=4, need=Need.REQUIRED)
    return request


def test_a_candidate_s_name_opens_a_page_the_focal_point_may_read(sought, focal_point):
    """Each candidate's name links to her profile; the focal point must be able to open it
    (she judges whom to shortlist by it). It links to the mediator's admin page, which the
    Focal points role may not view: 403 for every candidate."""
    candidate = _speaker("Amal Candidate")
    client = client_for(focal_point)
    body = client.get(_url(sought)).content.decode()
    assert "Amal Candidate" in body
    start = body.index("Amal Candidate")
    href = body[body.rindex('href="', 0, start) + 6 :].split('"', 1)[0]
    assert href == candidate.get_absolute_url()
    assert client.get(href).status_code == 200


def test_candidates_tied_on_the_criteria_come_by_the_name_the_page_shows(sought, focal_point):
    """Then by name: the page shows staff her real name, but the list was sorted by the
    pseudonym of a protected profile, so Anna comes after Berta."""
    _speaker("Anna Aardvark", visibility="protected", pseudonym="Zinnia Zed")
    _speaker("Berta Bee")
    body = client_for(focal_point).get(_url(sought)).content.decode()
    assert body.index("Anna Aardvark") < body.index("Berta Bee")


def test_the_candidates_availability_says_remote_only_and_deploys_within_72h(sought, focal_point):
    """The query loads remote_only and deploys_within_72h for the page, which never shows them:
    a remote-only mediator reads as plainly "Available" for an on-site request."""
    _speaker("Rana Remote", availability="available", remote_only=True, deploys_within_72h=True)
    body = client_for(focal_point).get(_url(sought)).content.decode()
    cell = body[body.index("Rana Remote") :]
    cell = cell[: cell.index("</tr>")]
    assert "remote only" in cell
    assert "within 72 hours" in cell


def test_proposing_on_a_closed_request_says_it_is_closed(sought, focal_point):
    """A mediator accepted but the requester closed the request before the focal point
    proposed: the back office says "Nobody new has accepted", which is false."""
    mediator = _speaker("Mira Accepted")
    invitation = Invitation.objects.create(request=sought, mediator=mediator)
    assert invitation.accept(["profile"])
    sought.close(Request.Outcome.FILLED_OTHERWISE)
    response = client_for(focal_point).post(_url(sought, "propose"))
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert said == ["Only a sent, open request can be proposed to."]


def test_no_shortlist_button_once_the_proposals_are_due(sought, focal_point):
    """Past the request's date for proposals every "Add to the shortlist" fails with "nobody
    can be invited any more"; the page still offers the button on every candidate."""
    Request.objects.filter(pk=sought.pk).update(
        proposals_due=timezone.localdate()
        - datetime.timedelta(days=2)  # past even where the day ends last
    )
    mediator = _speaker("Nadia Late")
    client = client_for(focal_point)
    body = client.get(_url(sought)).content.decode()
    response = client.post(_url(sought, "shortlist"), {"mediator": mediator.pk, "note": ""})
    said = [str(message) for message in get_messages(response.wsgi_request)]
    assert any("nobody can be invited" in message for message in said)
    assert "Add to the shortlist" not in body
