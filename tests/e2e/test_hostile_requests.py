"""Hostile input in a requester's application and requests never runs (see hostile.py)."""

import pytest

from appointments.models import Requester
from tests.e2e.conftest import login_in_browser
from tests.e2e.hostile import packed, spread
from tests.factories import RequestFactory

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
    visitor.visit_list(["/en/requests/"], stored=[request.title for request in requests])
    visitor.visit("/en/requests/apply/", stored=[packed(200)[0]])
    visitor.assert_safe()
