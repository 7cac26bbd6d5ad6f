"""Each app answers for its own share of a member's personal data (pretix's data shredders)."""

import pytest

from mediators.models import Mediator
from tests.factories import UserFactory
from wpm.models import User
from wpm.privacy import erase, erasing_personal_data, personal_data, personal_data_requested

pytestmark = pytest.mark.django_db


@pytest.fixture
def another_app():
    """An app holding personal data of its own, in the account and in the profile."""

    def share(sender, user, **kwargs):
        return {"account.newsletter": True, "profile.badges": ["early member"]}

    personal_data_requested.connect(share)
    yield
    personal_data_requested.disconnect(share)


def test_an_apps_share_goes_where_the_app_says(member, another_app):
    data = personal_data(member)
    assert data["account"]["newsletter"] is True
    assert data["profile"]["badges"] == ["early member"]
    assert data["profile"]["display_name"] == "Amina Member"
    assert data["profile"]["engagements"] == []


def test_a_share_of_a_profile_she_does_not_have_is_left_out(another_app):
    data = personal_data(UserFactory())
    assert data["account"]["newsletter"] is True
    assert data["profile"] is None


def test_an_app_failing_to_erase_her_share_keeps_all_of_her(member):
    def fail(sender, user, **kwargs):
        raise RuntimeError("the app could not erase her share")

    erasing_personal_data.connect(fail)
    try:
        with pytest.raises(RuntimeError):
            erase(member)
    finally:
        erasing_personal_data.disconnect(fail)
    assert User.objects.filter(pk=member.pk).exists()
    assert Mediator.objects.filter(user=member).exists()
