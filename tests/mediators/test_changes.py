"""Edits to a listed profile go live at once and land in the staff's queue of profiles changed
since their last verification, with each change beside what staff verified; staff accept them
or put parts back, and the member is told."""

import pytest
from django.core import mail
from django.utils import timezone

from mediators.models import Mediator, MediatorLanguage
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

QUEUE = "/admin/mediators/mediator/?verification=changed"
PROFILE = {
    "display_name": "Amina Member",
    "headline": "Senior mediation adviser",
    "bio": "Works on **ceasefire** arrangements.",
}


def changes_url(mediator):
    return f"/admin/mediators/mediator/{mediator.pk}/changes/"


def edit(member, section, data):
    response = client_for(member).post(f"/en/me/edit/{section}/", data)
    assert response.status_code == 302
    return Mediator.objects.get(user=member)


def test_an_edit_goes_live_and_joins_the_queue_with_the_change_shown(
    member, other_member, superuser_client, client
):
    her = client_for(member)
    response = her.post(
        "/en/me/edit/profile/", {**PROFILE, "headline": "Envoy for the Great Lakes"}, follow=True
    )
    assert "It shows at once; staff look over changes to listed profiles." in (
        response.content.decode()
    )
    mediator = Mediator.objects.get(user=member)
    assert "Envoy for the Great Lakes" in client.get(mediator.get_absolute_url()).content.decode()
    queue = superuser_client.get(QUEUE).content.decode()
    assert "Amina Member" in queue and "Olga Other" not in queue
    page = superuser_client.get(changes_url(mediator)).content.decode()
    assert "<del>Senior mediation adviser</del>" in page
    assert "<ins>Envoy for the Great Lakes</ins>" in page
    assert page.count('name="parts"') == 1, "only the part she changed"


def test_lists_show_as_staff_read_them(member, superuser_client):
    MediatorLanguage.objects.create(mediator=member.mediator, code="fr", level=5)
    edit(member, "profile", PROFILE)  # her first edit keeps what staff verified
    row = member.mediator.languages.get()
    edit(
        member,
        "languages",
        {
            "languages-TOTAL_FORMS": "2",
            "languages-INITIAL_FORMS": "1",
            "languages-0-id": str(row.pk),
            "languages-0-code": "fr",
            "languages-0-level": "6",
            "languages-1-code": "ar",
            "languages-1-level": "7",
        },
    )
    page = superuser_client.get(changes_url(member.mediator)).content.decode()
    assert "<del>French: C1 (advanced)</del>" in page
    assert "<ins>Arabic: Native; French: C2 (proficient)</ins>" in page


def test_editing_back_leaves_the_queue(member, superuser_client):
    edit(member, "profile", {**PROFILE, "headline": "Something else"})
    assert Mediator.objects.changed_since_verification().count() == 1
    edit(member, "profile", PROFILE)
    assert not Mediator.objects.changed_since_verification().exists()
    assert "Amina Member" not in superuser_client.get(QUEUE).content.decode()


def test_a_profile_not_yet_listed_is_not_in_the_queue(member):
    Mediator.objects.filter(user=member).update(status=Mediator.Status.SUBMITTED)
    edit(member, "profile", {**PROFILE, "headline": "Draft headline"})
    assert not Mediator.objects.changed_since_verification().exists()


def test_her_privacy_choices_are_hers_alone(member):
    mediator = member.mediator
    edit(
        member,
        "privacy",
        {"visibility": "protected", **dict.fromkeys(Mediator.AUDIENCE_FIELDS, 2)},
    )
    assert not mediator.changes_since_verification()
    assert not Mediator.objects.changed_since_verification().exists()


def test_staff_put_back_a_part_and_she_is_told(member, superuser_client, client):
    mediator = edit(member, "profile", {**PROFILE, "headline": "Self-styled special envoy"})
    mediator = edit(member, "availability", {"availability": "available", "phone": ""})
    mail.outbox.clear()
    response = superuser_client.post(
        changes_url(mediator),
        {"put_back": "1", "parts": ["headline"], "message": "Please keep titles you hold."},
    )
    assert response.status_code == 302
    mediator.refresh_from_db()
    assert mediator.headline == "Senior mediation adviser"
    assert mediator.availability == "available", "the part not ticked stays"
    html = client.get(mediator.get_absolute_url()).content.decode()
    assert "Self-styled" not in html and "Senior mediation adviser" in html
    assert Mediator.objects.changed_since_verification().get() == mediator
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "Headline" in message.body and "Please keep titles you hold." in message.body
    # The member area it names, on the site's address: the mail said where, not how to go.
    assert message.body.strip().endswith("http://127.0.0.1:8000/en/me/")


def test_putting_back_every_part_empties_her_place_in_the_queue(member, superuser_client):
    mediator = edit(member, "expertise", {"tracks": ["1", "2"], "backgrounds": ["law"]})
    parts = [change.part for change in mediator.changes_since_verification()]
    assert parts == ["tracks", "backgrounds"]
    superuser_client.post(changes_url(mediator), {"put_back": "1", "parts": parts})
    assert not mediator.tracks.exists() and not mediator.backgrounds.exists()
    assert not Mediator.objects.changed_since_verification().exists()


def test_staff_accept_the_changes_as_verified(member, superuser_client):
    mediator = edit(member, "regions", {"countries": ["KE", "SO"]})
    assert "Kenya" in superuser_client.get(changes_url(mediator)).content.decode()
    response = superuser_client.post(changes_url(mediator), {"accept": "1"})
    assert response.status_code == 302
    mediator.refresh_from_db()
    assert mediator.verified_on == timezone.localdate()
    assert mediator.changed_at is None
    assert list(
        mediator.regional_experience.values_list("country", flat=True).order_by("country")
    ) == ["KE", "SO"]
    page = superuser_client.get(changes_url(mediator)).content.decode()
    assert "Nothing has changed since the last verification." in page


def test_nothing_ticked_is_a_clear_error_and_changes_nothing(member, superuser_client):
    mediator = edit(member, "profile", {**PROFILE, "headline": "New"})
    response = superuser_client.post(changes_url(mediator), {"put_back": "1"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    mediator.refresh_from_db()
    assert mediator.headline == "New" and mediator.changed_at is not None


def test_a_forged_part_is_refused(member, superuser_client):
    mediator = edit(member, "profile", {**PROFILE, "headline": "New"})
    response = superuser_client.post(changes_url(mediator), {"put_back": "1", "parts": ["status"]})
    assert response.status_code == 400
    mediator.refresh_from_db()
    assert mediator.headline == "New" and mediator.status == Mediator.Status.APPROVED


def test_the_changes_page_escapes_what_she_wrote(member, superuser_client):
    mediator = edit(member, "profile", {**PROFILE, "headline": "<script>alert(1)</script>"})
    page = superuser_client.get(changes_url(mediator)).content.decode()
    assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)" in page


def test_the_changes_page_reads_a_fixed_number_of_queries(
    member, superuser_client, django_assert_max_num_queries
):
    mediator = edit(member, "regions", {"countries": ["KE", "SO", "ET", "CO"]})
    edit(member, "profile", {**PROFILE, "headline": "New"})
    with django_assert_max_num_queries(20):
        assert superuser_client.get(changes_url(mediator)).status_code == 200


def test_approving_a_profile_verifies_what_it_says(member, superuser_client):
    mediator = member.mediator
    mediator.review(Mediator.Status.APPROVED)
    assert mediator.verified_content["headline"] == "Senior mediation adviser"
    assert mediator.changed_at is None
