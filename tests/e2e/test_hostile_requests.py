"""Hostile input in a requester's application and requests never runs (see hostile.py)."""

import pytest

from appointments.models import Invitation, Requester
from tests.e2e.conftest import login_in_browser
from tests.e2e.hostile import packed, spread
from tests.factories import MediatorFactory, RequestFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_requests_and_application(visitor, requester, live_server):
    Requester.objects.filter(user=requester).update(organisation=packed(200)[0])
    titles, descriptions, durations = packed(200), packed(2000), packed(100)
    requests = [
        RequestFactory(
            requester=requester.requester,
            title=spread(titles, number, f"Plain request {number}"),
            process_description=spread(descriptions, number, "Talks."),
            duration=spread(durations, number),
        )
        for number in range(max(len(titles), len(descriptions), len(durations)))
    ]
    login_in_browser(visitor.page.context, requester, live_server)
    for request in requests:
        stored = [request.title, request.process_description, request.duration]
        visitor.visit(request.get_absolute_url(), stored=stored)
        # Her draft's form holds what she wrote, and its discarding page names it.
        visitor.visit(f"/en/requests/{request.pk}/edit/")
        visitor.visit(f"/en/requests/{request.pk}/discard/", stored=[request.title])
    visitor.visit_list(["/en/requests/"], stored=[request.title for request in requests])
    visitor.visit("/en/requests/apply/", stored=[packed(200)[0]])
    visitor.assert_safe()


def test_the_proposal_and_the_relay(visitor, requester, live_server):
    """What a requester reads of the mediators proposed to her, and the page to write to one."""
    titles, bios, headlines = packed(200), packed(4000), packed(160)
    request = RequestFactory(
        requester=requester.requester, title=titles[0], duration=packed(100)[0], status="sent"
    )
    invitations = []
    for number in range(max(len(bios), len(headlines))):
        mediator = MediatorFactory(
            display_name=f"Proposed {number}",
            bio=spread(bios, number, "Calm."),
            headline=spread(headlines, number),
            availability_note=spread(packed(200), number),
        )
        invitation = Invitation.objects.create(request=request, mediator=mediator)
        invitation.accept(["profile", "bio", "availability"])
        invitations.append(invitation)
    request.propose()
    login_in_browser(visitor.page.context, requester, live_server)
    stored = [titles[0], *bios, *headlines]
    visitor.visit(f"/en/requests/{request.pk}/proposal/", stored=stored)
    visitor.visit(f"/en/requests/{request.pk}/", stored=[titles[0]])
    visitor.visit(f"/en/requests/{request.pk}/proposal/{invitations[0].pk}/write/")
    visitor.assert_safe()
