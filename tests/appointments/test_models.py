"""The rules of requests that live on the models: seeded roles, staff roles, validation, scope."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.sql import emit_post_migrate_signal

from appointments.models import Request, RequestExpertise, RequestRegion, Role
from appointments.taxonomy import ROLES
from mediators.models import ExpertiseArea
from tests.appointments.conftest import days
from tests.factories import RequesterFactory, RequestFactory
from wpm.roles import FOCAL_POINTS

pytestmark = pytest.mark.django_db


def test_migrate_seeds_the_roles_in_english_and_german():
    assert list(Role.objects.values_list("slug", "name_en", "name_de")) == ROLES
    assert Role.objects.get(slug="lead-mediator").name_de == "Leitende Mediatorin"


def test_the_roles_are_seeded_only_into_an_empty_table():
    """Staff own the list once it exists: a later migrate neither re-adds nor renames."""
    Role.objects.filter(slug="trainer").delete()
    Role.objects.filter(slug="facilitator").update(name_en="Dialogue facilitator")
    emit_post_migrate_signal(0, False, "default", plan=[])
    assert not Role.objects.filter(slug="trainer").exists()
    assert Role.objects.get(slug="facilitator").name_en == "Dialogue facilitator"

    Request.objects.all().delete()
    Role.objects.all().delete()
    emit_post_migrate_signal(0, False, "default", plan=[])
    assert Role.objects.count() == len(ROLES)


def test_focal_points_may_see_and_change_requests_but_not_restricted_ones():
    granted = set(
        Group.objects.get(name=FOCAL_POINTS).permissions.values_list("codename", flat=True)
    )
    assert {"view_request", "change_request", "view_requester", "change_requester"} <= granted
    assert not {"add_request", "delete_request", "delete_requester"} & granted
    assert "view_restricted_request" not in granted


def test_a_requester_sees_only_her_own_requests(requester, other_requester):
    mine = RequestFactory(requester=requester.requester)
    RequestFactory(requester=other_requester.requester)
    assert list(Request.objects.of(requester)) == [mine]
    assert not Request.objects.of(None).exists()


def test_restricted_requests_only_for_focal_points_with_the_permission(
    focal_point, restricted_focal_point, member
):
    ordinary = RequestFactory()
    restricted = RequestFactory(confidentiality="restricted")
    assert list(Request.objects.for_focal_point(focal_point)) == [ordinary]
    assert set(Request.objects.for_focal_point(restricted_focal_point)) == {ordinary, restricted}
    assert not Request.objects.for_focal_point(member).exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"proposals_due": days(-2)}, "proposals_due", "cannot be in the past"),
        (
            {"proposals_due": days(30), "start_date": days(10)},
            "start_date",
            "cannot be before the date for proposals",
        ),
        ({"process_description": ""}, "process_description", "Choose the process"),
        ({"title": "x" * 201}, "title", "at most 200 characters"),
        ({"duration": "x" * 101}, "duration", "at most 100 characters"),
    ],
)
def test_a_request_refuses_bad_input(fields, field, message):
    request = RequestFactory.build(requester=RequesterFactory(), **fields)
    with pytest.raises(ValidationError) as raised:
        request.full_clean()
    assert message in " ".join(raised.value.message_dict[field])


def test_a_sent_request_keeps_its_past_deadline():
    """The deadline may pass once a request is sent; the admin can still save it."""
    request = RequestFactory(status="sent", proposals_due=days(-5), start_date=days(10))
    request.full_clean()


def test_a_request_needs_a_criterion_before_it_is_sent():
    request = RequestFactory()
    with pytest.raises(ValidationError, match="at least one criterion"):
        request.check_sendable()
    RequestExpertise.objects.create(
        request=request, area=ExpertiseArea.objects.first(), need="preferred"
    )
    request.check_sendable()


def test_a_region_criterion_keeps_its_region():
    region = RequestRegion(request=RequestFactory(), country="KE", need="required")
    region.save()
    assert (region.subregion, region.region, str(region)) == ("014", "002", "Kenya")


def test_requests_keep_their_history():
    request = RequestFactory(title="First title")
    request.title = "Second title"
    request.save()
    assert [h.title for h in request.history.all()] == ["Second title", "First title"]
