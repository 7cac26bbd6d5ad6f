"""Matching: focal points see every approved mediator ranked by a request's criteria."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from appointments.models import Need, RequestExpertise, RequestLanguage, RequestRegion
from mediators.models import ExpertiseArea, MediatorLanguage, RegionalExperience
from tests.conftest import client_for
from tests.factories import MediatorFactory, RequestFactory
from tests.mediators.test_roster import NAMES_IN_ORDER

pytestmark = pytest.mark.django_db


def candidates_url(request):
    return f"/admin/appointments/request/{request.pk}/candidates/"


def _mediator(name, *, languages=(), countries=(), areas=(), **fields):
    mediator = MediatorFactory(display_name=name, **fields)
    for code, level in languages:
        MediatorLanguage.objects.create(mediator=mediator, code=code, level=level)
    for code in countries:
        RegionalExperience.objects.create(mediator=mediator, country=code)
    for slug in areas:
        mediator.expertise.add(ExpertiseArea.objects.get(slug=slug))
    mediator.refresh_search()
    return mediator


@pytest.fixture
def sought(requester):
    """Arabic at C1 and Kenya required; process design preferred."""
    request = RequestFactory(
        requester=requester.requester, title="Driftwood adviser", status="sent"
    )
    RequestLanguage.objects.create(request=request, code="ar", level=5, need=Need.REQUIRED)
    RequestRegion.objects.create(request=request, country="KE", need=Need.REQUIRED)
    RequestExpertise.objects.create(
        request=request,
        area=ExpertiseArea.objects.get(slug="process-design"),
        need=Need.PREFERRED,
    )
    return request


def test_candidates_are_ranked_by_required_then_preferred_criteria(sought):
    all_three = _mediator(
        "Amal Allthree",
        languages=[("ar", 6)],
        countries=["KE"],
        areas=["process-design"],
        visibility="hidden",
    )
    both_required = _mediator(
        "Beatrix Bothrequired", languages=[("ar", 5)], countries=["KE"], visibility="protected"
    )
    one_required = _mediator("Carmen Onerequired", languages=[("ar", 7)], areas=["process-design"])
    too_weak = _mediator("Dalia Weakarabic", languages=[("ar", 3)], areas=["process-design"])
    _mediator("Erin Draft", languages=[("ar", 7)], countries=["KE"], status="submitted")

    criteria = sought.criteria()
    assert [c.required for c in criteria] == [True, True, False]
    ranked = list(sought.candidates(criteria))
    assert ranked == [all_three, both_required, one_required, too_weak]
    assert [(m.required_met, m.preferred_met) for m in ranked] == [(2, 1), (2, 0), (1, 1), (0, 1)]


def test_candidates_meeting_as_much_come_by_their_names_as_people_read_them(sought):
    """By the name as written, "Ángela" and "de Silva" came after "Zhang"."""
    for name in reversed(NAMES_IN_ORDER):
        _mediator(name, visibility="protected")
    ranked = [mediator.display_name for mediator in sought.candidates(sought.criteria())]
    assert ranked == NAMES_IN_ORDER


def test_the_page_shows_met_and_missed_criteria(sought, focal_point):
    _mediator("Beatrix Bothrequired", languages=[("ar", 5)], countries=["KE"], visibility="hidden")
    page = client_for(focal_point).get(candidates_url(sought))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Beatrix Bothrequired" in body
    assert body.index("Kenya") < body.index("Process design")  # required first
    assert "Misses" in body


def test_a_focal_point_without_the_permission_gets_404_for_a_restricted_request(
    sought, focal_point, restricted_focal_point, staff
):
    sought.confidentiality = "restricted"
    sought.save()
    assert client_for(focal_point).get(candidates_url(sought)).status_code == 404
    assert client_for(staff).get(candidates_url(sought)).status_code == 404
    assert client_for(restricted_focal_point).get(candidates_url(sought)).status_code == 200


def test_hostile_names_and_titles_stay_text(requester, focal_point):
    payload = "<script>alert(1)</script>"
    request = RequestFactory(requester=requester.requester, title=payload)
    RequestLanguage.objects.create(request=request, code="ar", level=5, need=Need.REQUIRED)
    _mediator(payload, languages=[("ar", 5)])
    body = client_for(focal_point).get(candidates_url(request)).content.decode()
    assert payload not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def _add_mediators(start, stop):
    for n in range(start, stop):
        _mediator(f"Mediator {n:02}", languages=[("ar", 5 + n % 3)], countries=["KE"][: n % 2])


@pytest.mark.parametrize("count", [5, 30])
def test_the_page_reads_a_fixed_number_of_queries(
    count, sought, focal_point, django_assert_num_queries
):
    _add_mediators(0, count)
    client = client_for(focal_point)
    client.get(candidates_url(sought))
    # The session, her user, sessions and second factors (middleware), her permissions (two),
    # the request, its three kinds of criteria, its shortlist, and one page of candidates with
    # their count.
    with django_assert_num_queries(16):
        response = client.get(candidates_url(sought))
    assert response.content.decode().count(">Mediator ") == min(count, 25)


def test_the_query_count_does_not_grow_with_the_roster(sought, focal_point):
    client = client_for(focal_point)
    client.get(candidates_url(sought))
    counts = []
    for stop in (5, 30):
        _add_mediators(len(counts) and 5, stop)
        with CaptureQueriesContext(connection) as queries:
            client.get(candidates_url(sought))
        counts.append(len(queries))
    assert counts[0] == counts[1]
