"""The public numbers: what became of the requests, with no count that singles anyone out."""

import datetime

import pytest
from django.utils import timezone

from appointments.models import Invitation, Request, Role
from tests.conftest import client_for
from tests.factories import MediatorFactory, RequestFactory
from wpm.privacy import erase

pytestmark = pytest.mark.django_db

URL = "/en/requests/outcomes/"


def _closed(requester, *, appointed, role="lead-mediator", days_to_proposal=10, **fields):
    sent_at = timezone.now() - datetime.timedelta(days=40)
    request = RequestFactory(
        requester=requester.requester,
        role=Role.objects.get(slug=role),
        status="closed",
        outcome="from-list" if appointed else "cancelled",
        sent_at=sent_at,
        proposed_at=sent_at + datetime.timedelta(days=days_to_proposal),
        closed_at=timezone.now(),
        region="002",
        **fields,
    )
    Invitation.objects.create(
        request=request,
        mediator=MediatorFactory(),
        status="accepted",
        proposed_at=request.proposed_at,
        outcome="appointed" if appointed else "",
    )
    return request


def page(path=URL):
    response = client_for(None).get(path)
    assert response.status_code == 200
    return response.content.decode()


def test_small_counts_are_never_exact(requester):
    RequestFactory(requester=requester.requester, status="draft")  # never counted
    for _ in range(3):
        _closed(requester, appointed=True)
    body = page()
    assert "fewer than 5" in body
    for exact in (">3<", ">3 ", "of 3 closed"):
        assert exact not in body
    assert "Too few closed requests to give a share yet." in body
    assert "Too few proposals to give a median yet." in body


def test_five_and_more_are_counted_with_their_share_and_median(requester):
    for days in (4, 6, 10):
        _closed(requester, appointed=True, days_to_proposal=days)
    for days in (12, 20):
        _closed(requester, appointed=False, days_to_proposal=days)
    body = page()
    assert "<dd>5</dd>" in body  # requests and mediators proposed
    assert "60% of 5 closed requests" in body
    assert "10 days" in body  # the median of 4, 6, 10, 12, 20
    csv = page("/en/processes/insights/requests-per-year.csv")
    assert f"{timezone.now().year},5" in csv


def test_the_insights_show_the_same_figures(requester):
    _closed(requester, appointed=True, role="facilitator")
    body = page("/en/processes/insights/")
    assert "Requests for mediators by role" in body
    assert "Facilitator" in body and "fewer than 5" in body


def test_deleting_accounts_leaves_the_numbers_as_they_were(requester):
    requests = [_closed(requester, appointed=True) for _ in range(5)]
    before = page()
    for request in requests:
        erase(request.invitations.get().mediator.user)
    erase(requester)
    assert Request.objects.count() == 5
    assert page() == before


def test_the_numbers_read_a_fixed_number_of_queries(requester, django_assert_max_num_queries):
    for _ in range(6):
        _closed(requester, appointed=True)
    from appointments.numbers import numbers

    with django_assert_max_num_queries(5):
        figures = numbers()
        assert (figures.requests, figures.appointed) == (6, 6)


def test_the_cached_page_follows_a_recorded_outcome(requester):
    """The page is cached for the public; an outcome recorded anywhere is news to the cache."""
    request = _closed(requester, appointed=False)
    assert "<dd>0</dd>" in page()  # nobody appointed, and now cached
    invitation = request.invitations.get()
    invitation.outcome = Invitation.Outcome.APPOINTED
    invitation.save(update_fields=["outcome"])
    assert "<dd>0</dd>" not in page()


def test_no_small_count_can_be_worked_out_from_the_total(requester):
    """Six requests from Europe shown beside a total of eight would give Africa's two away:
    Europe's count is withheld too."""
    for region, times in (("150", 6), ("002", 2)):
        for _ in range(times):
            RequestFactory(requester=requester.requester, status="sent", region=region)
    csv = page("/en/processes/insights/requests-by-region.csv")
    assert "Africa,fewer than 5" in csv
    assert "Europe,withheld" in csv
    assert "Europe,6" not in csv
    body = page()
    assert "8 requests for mediators reached the network." in body
    assert ">6<" not in body and ">2<" not in body


@pytest.mark.parametrize(
    ("counts", "hidden"),
    [
        ([7, 9], set()),  # nothing small: all shown
        ([6, 2], {0, 1}),  # the total less 6 would give the 2
        ([6, 2, 3], {1, 2}),  # 2 and 3 together make 5: not small, neither can be told apart
        ([2, 0, 8, 6], {0, 3}),  # the smallest count shown goes with the small one
        ([1], {0}),  # a small total: nothing else to withhold
    ],
)
def test_what_a_breakdown_withholds(counts, hidden):
    from wpm.disclosure import withheld

    assert withheld(counts) == hidden


def test_the_cached_page_and_the_history_follow_a_sent_request(requester, draft):
    for _ in range(5):
        RequestFactory(requester=requester.requester, status="sent")
    assert "<dd>5</dd>" in page()  # and now cached
    client_for(draft.requester.user).post(f"/en/requests/{draft.pk}/send/")
    draft.refresh_from_db()
    assert draft.status == "sent"
    assert "<dd>6</dd>" in page()
    assert draft.history.first().status == "sent", "the send is in the request's history"
