"""What the requests' tests share: a requester not yet verified, a draft with a criterion, and
the form's data as a browser without JavaScript sends it."""

import datetime

import pytest
from django.utils import timezone

from appointments.models import Need, RequestLanguage, Role
from tests.factories import RequesterFactory, RequestFactory, UserFactory

# The personas requester, other_requester, focal_point and restricted_focal_point are shared
# with the access matrix: they live in tests/conftest.py.

CRITERIA = ("languages", "expertise", "regions")


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def unverified_requester(db):
    """Applied; staff have not decided yet."""
    user = UserFactory(email="unverified@example.org", name="Uma Unverified")
    RequesterFactory(user=user, organisation="Pending Ministry", status="applied")
    return user


@pytest.fixture
def draft(requester):
    """Her draft, complete: it can be sent."""
    request = RequestFactory(requester=requester.requester, title="Driftwood ceasefire adviser")
    RequestLanguage.objects.create(request=request, code="ar", level=5, need=Need.REQUIRED)
    return request


def management(prefix, total=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }


def form_data(**overrides):
    """A new request with one required language, as the form posts it."""
    data = {
        "title": "Adviser for the Saltmarsh talks",
        "process": "",
        "process_description": "Talks between the government and a coastal movement.",
        "role": str(Role.objects.get(slug="senior-adviser").pk),
        "track": "1",
        "start_date": days(60).isoformat(),
        "duration": "Six months",
        "mode": "either",
        "proposals_due": days(20).isoformat(),
        "confidentiality": "ordinary",
        "language": "en",
        **management("languages", 1),
        "languages-0-code": "fr",
        "languages-0-level": "5",
        "languages-0-need": "required",
        **management("expertise"),
        **management("regions"),
    }
    data.update(overrides)
    return data
