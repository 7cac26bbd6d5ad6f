"""A member's phone number: checked, kept in one form, and shown only to the audience she
chooses, staff alone unless she widens it."""

import json

import pytest

from mediators.models import Audience, Mediator
from tests.conftest import client_for, profile_admin_form

pytestmark = pytest.mark.django_db

AVAILABILITY = {"availability": "available", "availability_note": "", "accepts_contact": "on"}


def test_a_number_typed_the_way_she_writes_it_is_kept_with_its_country_code(member):
    mediator = member.mediator
    mediator.country = "DE"
    mediator.save()
    response = client_for(member).post(
        "/en/me/edit/availability/", {**AVAILABILITY, "phone": "030 1234567"}
    )
    assert response.status_code == 302
    mediator.refresh_from_db()
    assert mediator.phone == "+49301234567"
    page = client_for(member).get("/en/me/edit/availability/").content.decode()
    assert 'value="+49 30 1234567"' in page
    assert 'type="tel"' in page


@pytest.mark.parametrize(
    "typed", ["12", "+49 30", "call me", "+999 123 456 789", "+49 30\r\n1234567", "+49\n30 1234567"]
)
def test_a_number_that_is_not_one_is_refused_and_changes_nothing(member, typed):
    before = Mediator.objects.filter(user=member).values().get()
    response = client_for(member).post(
        "/en/me/edit/availability/", {**AVAILABILITY, "phone": typed}
    )
    assert response.status_code == 400
    assert "Please enter a phone number with its country code" in response.content.decode()
    assert Mediator.objects.filter(user=member).values().get() == before


def test_the_number_is_in_german_too(member):
    response = client_for(member).post(
        "/de/me/edit/availability/", {**AVAILABILITY, "phone": "nope"}
    )
    assert "Bitte geben Sie eine Telefonnummer mit Landesvorwahl ein" in response.content.decode()


def test_a_new_number_is_shown_to_staff_only(member, other_member, staff, client):
    client_for(member).post(
        "/en/me/edit/availability/", {**AVAILABILITY, "phone": "+254 722 123456"}
    )
    mediator = Mediator.objects.get(user=member)
    assert mediator.phone_audience == Audience.STAFF
    url = mediator.get_absolute_url()
    assert "+254 722 123456" in client_for(staff).get(url).content.decode()
    assert 'href="tel:+254722123456"' in client_for(staff).get(url).content.decode()
    for viewer in (client, client_for(other_member)):
        html = viewer.get(url).content.decode()
        assert "722 123456" not in html and "254722123456" not in html


def test_she_can_show_it_to_members(member, other_member, client):
    mediator = member.mediator
    mediator.phone = "+254722123456"
    mediator.save()
    response = client_for(member).post(
        "/en/me/edit/privacy/",
        {
            "visibility": "public",
            **{field: getattr(mediator, field) for field in Mediator.AUDIENCE_FIELDS},
            "phone_audience": Audience.MEMBERS,
        },
    )
    assert response.status_code == 302
    url = mediator.get_absolute_url()
    assert "+254 722 123456" in client_for(other_member).get(url).content.decode()
    assert "722 123456" not in client.get(url).content.decode()


def test_her_data_export_holds_her_number(member):
    Mediator.objects.filter(user=member).update(phone="+254722123456")
    data = json.loads(client_for(member).get("/en/me/data/?download=1").content)
    assert data["profile"]["phone"] == "+254722123456"
    assert data["profile"]["phone_audience"] == Audience.STAFF


def test_staff_enter_numbers_through_the_same_check(superuser_client, member):
    mediator = member.mediator
    url, form, data = profile_admin_form(superuser_client, mediator)
    assert "user" not in form.fields, "a profile stays with its member"
    refused = superuser_client.post(url, {**data, "phone": "12"})
    assert refused.status_code == 200
    assert "Please enter a phone number with its country code" in refused.content.decode()
    superuser_client.post(url, {**data, "phone": "+1 (202) 555-0143"})
    mediator.refresh_from_db()
    assert mediator.phone == "+12025550143"
