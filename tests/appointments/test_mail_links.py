"""The requests' mail links to the site's own address (SITE_URL), as its digests do, whoever
set it off and on whatever address they reached the site: a focal point on an internal host
invited mediators to that host."""

import re

import pytest
from django.core import mail

from appointments.models import Invitation, Requester, RequestLanguage
from tests.conftest import _staff_in_group, client_for
from tests.factories import MediatorFactory, RequesterFactory, RequestFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://wpm.example.org"


@pytest.fixture(autouse=True)
def on_site(settings):
    settings.SITE_URL = SITE
    settings.ALLOWED_HOSTS = ["internal.example", "testserver"]


def links(body):
    return re.findall(r"\S+://\S*", body)


def staff(user):
    """Staff working on the back office's internal address."""
    client = client_for(user)
    client.defaults["HTTP_HOST"] = "internal.example"
    return client


def _sent(requester):
    request = RequestFactory(requester=requester.requester, status="sent", title="Juniper")
    RequestLanguage.objects.create(request=request, code="ar", level=5, need="required")
    return request


def test_the_invitation_leads_to_the_site(requester, focal_point):
    request = _sent(requester)
    mediator = MediatorFactory(mail_language="de")
    address = f"/admin/appointments/request/{request.pk}/shortlist/"
    assert staff(focal_point).post(address, {"mediator": mediator.pk}).status_code == 302
    (message,) = mail.outbox
    invitation = Invitation.objects.get()
    assert links(message.body) == [f"{SITE}/de/me/invitations/{invitation.pk}/"]


def test_the_proposal_leads_to_the_site(requester, focal_point):
    Requester.objects.filter(user=requester).update(language="de")
    request = _sent(requester)
    Invitation.objects.create(request=request, mediator=MediatorFactory()).accept(["profile"])
    staff(focal_point).post(f"/admin/appointments/request/{request.pk}/propose/")
    (message,) = mail.outbox
    assert links(message.body) == [f"{SITE}/de/requests/{request.pk}/proposal/"]


def test_a_verified_requester_is_led_to_the_site(focal_point):
    waiting = RequesterFactory(user=UserFactory(), organisation="W", status="applied")
    data = {"action": "approve", "_selected_action": [waiting.pk]}
    staff(focal_point).post("/admin/appointments/requester/", data)
    (message,) = mail.outbox
    assert links(message.body) == [f"{SITE}/en/requests/"]


def test_each_focal_point_is_told_of_a_request_alone(requester, focal_point):
    """One mail named every focal point to the others, and so who may see restricted ones."""
    _staff_in_group("second.focal@example.org", "Second Focal", "Focal points")
    request = RequestFactory(requester=requester.requester, status="draft", title="Juniper")
    RequestLanguage.objects.create(request=request, code="ar", level=5, need="required")
    client = client_for(requester)
    client.defaults["HTTP_HOST"] = "internal.example"
    assert client.post(f"/en/requests/{request.pk}/send/").status_code == 302
    assert sorted(message.to for message in mail.outbox) == [
        ["focal@example.org"],
        ["second.focal@example.org"],
    ]
    for message in mail.outbox:
        assert links(message.body) == [f"{SITE}/admin/appointments/request/{request.pk}/change/"]
