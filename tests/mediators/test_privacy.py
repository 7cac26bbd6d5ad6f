"""Who sees what of a profile: every visibility mode and section audience, for every audience."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mediators import photos
from mediators.models import Audience, Mediator, MediatorLanguage, RegionalExperience, Training
from tests.conftest import client_for
from tests.factories import MediatorFactory, UserFactory

pytestmark = pytest.mark.django_db

NAME = "Zahra Quendolyn"
MARKERS = {
    "bio": "Bio-marker-krill",
    "nationalities": "Sudan",
    "country": "Norway",
    "trainings": "Training-marker-plover",
    "regions": "Kenya",
    "availability": "Availability-marker-heron",
    "phone": "+41 44 668 18 00",
}
SECTIONS = [*MARKERS, "photo"]
VIEWERS = ["anonymous", "applicant", "member", "staff"]
VIEWER_AUDIENCE = {
    "anonymous": Audience.PUBLIC,
    "applicant": Audience.PUBLIC,
    "member": Audience.MEMBERS,
    "staff": Audience.STAFF,
}
PROFILE_VISIBLE = {
    "public": {"anonymous", "applicant", "member", "staff"},
    "protected": {"anonymous", "applicant", "member", "staff"},
    "members": {"member", "staff"},
    "hidden": {"staff"},
}


def jpeg():
    buffer = BytesIO()
    Image.new("RGB", (50, 50), "teal").save(buffer, format="JPEG")
    return photos.open_photo(SimpleUploadedFile("face.jpg", buffer.getvalue()))


def make_subject(visibility, audience):
    mediator = MediatorFactory(
        display_name=NAME,
        headline="Headline-marker-egret",
        bio=MARKERS["bio"],
        nationalities=["SD"],
        country="NO",
        availability_note=MARKERS["availability"],
        phone="+41446681800",
        visibility=visibility,
        **{f"{section}_audience": audience for section in SECTIONS},
    )
    Training.objects.create(
        mediator=mediator, title=MARKERS["trainings"], provider="Academy", year=2020
    )
    RegionalExperience(mediator=mediator, country="KE").save()
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=7)
    photos.replace_photo(mediator, jpeg())
    mediator.refresh_search()
    mediator.refresh_from_db()
    return mediator


@pytest.fixture
def viewers(request):
    def client(name):
        if name == "anonymous":
            return client_for(None)
        return client_for(request.getfixturevalue(name))

    return client


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("visibility", list(PROFILE_VISIBLE))
def test_profile_shows_each_section_only_to_its_audience(visibility, audience, viewer, viewers):
    subject = make_subject(visibility, audience)
    client = viewers(viewer)
    response = client.get(subject.get_absolute_url())
    if viewer not in PROFILE_VISIBLE[visibility]:
        assert response.status_code == 404
        assert NAME not in response.content.decode()
        return
    assert response.status_code == 200
    html = response.content.decode()
    pseudonymous = visibility == "protected" and VIEWER_AUDIENCE[viewer] == Audience.PUBLIC
    allowed = VIEWER_AUDIENCE[viewer] >= audience and not pseudonymous
    for section, marker in MARKERS.items():
        if section == "regions" and pseudonymous and audience == Audience.PUBLIC:
            continue  # the pseudonymous card shows regions, checked below
        assert (marker in html) == allowed, section
    assert (subject.photo.name in html) == allowed
    assert (NAME in html) == (not pseudonymous)
    assert ("Headline-marker-egret" in html) == (not pseudonymous)


def test_each_visitor_in_turn_sees_the_profiles_and_sections_she_may(viewers):
    """A profile page reads her row with SQL written once per audience (wpm.shapes): asked by
    one visitor after another, each page still shows its visitor what she may see, no more."""
    subjects = {
        visibility: make_subject(visibility, Audience.MEMBERS) for visibility in PROFILE_VISIBLE
    }
    for viewer in ("anonymous", "staff", "member", "applicant", "staff", "anonymous"):
        client = viewers(viewer)
        for visibility, subject in subjects.items():
            response = client.get(subject.get_absolute_url())
            visible = viewer in PROFILE_VISIBLE[visibility]
            assert response.status_code == (200 if visible else 404), (viewer, visibility)
            html = response.content.decode()
            pseudonymous = visibility == "protected" and VIEWER_AUDIENCE[viewer] == Audience.PUBLIC
            assert (NAME in html) == (visible and not pseudonymous), (viewer, visibility)
            shown = visible and VIEWER_AUDIENCE[viewer] >= Audience.MEMBERS
            assert (MARKERS["trainings"] in html) == shown, (viewer, visibility)


@pytest.mark.parametrize("viewer", VIEWERS)
@pytest.mark.parametrize("visibility", list(PROFILE_VISIBLE))
def test_roster_lists_a_profile_only_for_its_audience(visibility, viewer, viewers):
    subject = make_subject(visibility, Audience.PUBLIC)
    html = viewers(viewer).get(reverse("mediators:roster")).content.decode()
    listed = viewer in PROFILE_VISIBLE[visibility]
    assert (subject.get_absolute_url() in html) == listed
    pseudonymous = visibility == "protected" and VIEWER_AUDIENCE[viewer] == Audience.PUBLIC
    assert (NAME in html) == (listed and not pseudonymous)
    if pseudonymous:
        assert subject.pseudonym in html


@pytest.mark.parametrize("visibility", ["hidden", "members", "public"])
def test_an_address_never_tells_of_a_namesake_the_visitor_may_not_see(client, visibility):
    """Numbered in turn, a second profile's address ("-2") told anyone that a first of that name
    exists: the public, beside a listed namesake; a newcomer, naming her own draft after anyone
    and reading its address in her data."""
    MediatorFactory(display_name=NAME, visibility=visibility, status="approved")
    listed = MediatorFactory(display_name=NAME, visibility="public", status="approved")
    prober = UserFactory()
    prober_client = client_for(prober)
    prober_client.post(reverse("mediators:me"), {"display_name": NAME, "headline": "Probe"})
    draft = Mediator.objects.get(user=prober)
    seen_by_the_public = client.get(reverse("mediators:roster")).content.decode()
    seen_by_the_prober = prober_client.get("/en/me/data/?download=1").content.decode()
    # Each address is her name and a random six-digit number: nothing counts the namesakes.
    for profile in (listed, draft):
        assert re.fullmatch(r"zahra-quendolyn-\d{6}", profile.slug)
        assert not re.search(r"zahra-quendolyn-[1-9]\b", seen_by_the_public + seen_by_the_prober)
    assert listed.get_absolute_url() in seen_by_the_public
    assert draft.slug in seen_by_the_prober
    # A new address only with a new name: renamed, nothing of the old name stays in it.
    draft.display_name = "Zahra Quendolyn-Miro"
    draft.save()
    assert re.fullmatch(r"zahra-quendolyn-miro-\d{6}", draft.slug)


def test_protected_profile_reveals_nothing_identifying_to_the_public(client):
    subject = make_subject("protected", Audience.PUBLIC)
    assert "zahra" not in subject.slug and "quendolyn" not in subject.slug
    for url in [subject.get_absolute_url(), reverse("mediators:roster")]:
        html = client.get(url).content.decode()
        assert NAME not in html and "Zahra" not in html and "Quendolyn" not in html
        assert subject.photo.name not in html and subject.photo_small.name not in html
        assert "Headline-marker-egret" not in html
    html = client.get(subject.get_absolute_url()).content.decode()
    assert f"<title>{subject.pseudonym}" in html
    assert "Eastern Africa" in html, "the public sees her regions"
    assert "Kenya" not in html, "but not the countries"


def test_profile_of_a_protected_mediator_is_reached_only_under_her_pseudonym(client):
    subject = make_subject("public", Audience.PUBLIC)
    old_url = subject.get_absolute_url()
    subject.visibility = Mediator.Visibility.PROTECTED
    subject.save()
    assert client.get(old_url).status_code == 404
    assert client.get(subject.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("viewer", "query", "found"),
    [
        ("anonymous", "Quendolyn", False),
        ("anonymous", "Mediator", True),
        ("anonymous", "Bio-marker-krill", False),
        ("member", "Quendolyn", True),
        ("member", "Bio-marker-krill", True),
        ("staff", "Quendolyn", True),
    ],
)
def test_search_finds_only_what_the_viewer_may_read(viewer, query, found, viewers):
    subject = make_subject("protected", Audience.MEMBERS)
    html = viewers(viewer).get(reverse("mediators:roster"), {"q": query}).content.decode()
    assert (subject.get_absolute_url() in html) == found


@pytest.mark.parametrize(
    ("audience", "viewer", "found"),
    [
        (Audience.PUBLIC, "anonymous", True),
        (Audience.MEMBERS, "anonymous", False),
        (Audience.MEMBERS, "member", True),
        (Audience.STAFF, "member", False),
        (Audience.STAFF, "staff", True),
    ],
)
def test_region_and_country_filters_respect_the_regions_audience(audience, viewer, found, viewers):
    subject = make_subject("public", audience)
    client = viewers(viewer)
    for params in [{"region": "014"}, {"region": "002"}, {"country": "KE"}]:
        html = client.get(reverse("mediators:roster"), params).content.decode()
        assert (subject.get_absolute_url() in html) == found, params


@pytest.mark.parametrize(
    ("params", "viewer", "found"),
    [
        ({"language": "ar"}, "anonymous", False),
        ({"language": "ar"}, "member", True),
        ({"expertise": "process-design"}, "anonymous", True),
        ({"region": "014"}, "anonymous", True),
    ],
)
def test_filters_on_a_protected_profile_match_only_what_the_public_sees(
    params, viewer, found, viewers
):
    subject = make_subject("protected", Audience.PUBLIC)
    subject.expertise.set(subject.expertise.model.objects.filter(slug="process-design"))
    subject.refresh_search()
    html = viewers(viewer).get(reverse("mediators:roster"), params).content.decode()
    assert (subject.get_absolute_url() in html) == found


@pytest.mark.parametrize(
    ("visibility", "counted_for"),
    [
        ("public", {"anonymous", "member"}),
        ("protected", {"member"}),
        ("members", {"member"}),
        ("hidden", set()),
    ],
)
def test_home_counts_the_languages_the_visitor_can_find_on_the_roster(
    visibility, counted_for, viewers
):
    """The home page's "languages spoken" counts what the roster shows this visitor: the public
    finds no language of a protected profile, so beside the roster's language filter a count
    of hers would tell that someone unseen speaks a language nobody listed speaks."""
    MediatorLanguage.objects.create(mediator=MediatorFactory(), code="en", level=7)
    subject = MediatorFactory(visibility=visibility)
    MediatorLanguage.objects.create(mediator=subject, code="ps", level=7)
    subject.refresh_search()
    for viewer in ("anonymous", "member"):
        figures = viewers(viewer).get("/en/").context["figures"]
        assert figures["languages"] == (2 if viewer in counted_for else 1), viewer


@pytest.mark.parametrize(
    ("audience", "viewer", "status"),
    [
        (Audience.PUBLIC, "anonymous", 200),
        (Audience.MEMBERS, "anonymous", 404),
        (Audience.MEMBERS, "member", 200),
        (Audience.STAFF, "member", 404),
        (Audience.STAFF, "staff", 200),
    ],
)
def test_photo_files_follow_the_photo_audience(audience, viewer, status, viewers):
    subject = make_subject("public", audience)
    for name in (subject.photo.name, subject.photo_small.name):
        response = viewers(viewer).get(reverse("photos:photo", args=[name]))
        assert response.status_code == status


def test_a_mediator_always_sees_her_own_photo_and_previews():
    owner = UserFactory()
    mediator = MediatorFactory(user=owner, status="draft", photo_audience=Audience.STAFF)
    photos.replace_photo(mediator, jpeg())
    client = client_for(owner)
    assert client.get(reverse("photos:photo", args=[mediator.photo.name])).status_code == 200
    assert client_for(None).get(mediator.get_absolute_url()).status_code == 404
    preview = client.get(reverse("mediators:me_preview", args=["public"])).content.decode()
    assert mediator.photo.name not in preview, "the public preview hides a staff-only photo"


@pytest.mark.parametrize("deleted", ["profile", "account"])
def test_a_profile_deleted_in_the_back_office_takes_her_photos(superuser, deleted):
    """Only the deletion of her own account removed the files: staff deleting her profile or
    her account left both sizes in private storage."""
    mediator = MediatorFactory(visibility="protected")
    photos.replace_photo(mediator, jpeg())
    mediator.refresh_from_db()
    names = [mediator.photo.name, mediator.photo_small.name]
    storage = mediator.photo.storage
    assert all(storage.exists(name) for name in names)
    address = {
        "profile": f"/admin/mediators/mediator/{mediator.pk}/delete/",
        "account": f"/admin/wpm/user/{mediator.user.pk}/delete/",
    }[deleted]
    assert client_for(superuser).post(address, {"post": "yes"}).status_code == 302
    assert not Mediator.objects.filter(pk=mediator.pk).exists()
    assert [name for name in names if storage.exists(name)] == []
