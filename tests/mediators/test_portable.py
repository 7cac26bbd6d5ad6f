"""A profile that moves between networks: the published schema, her download, and a draft
started from a file, every part checked and shown before anything is saved."""

import json
import re
import unicodedata

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from jsonschema import Draft202012Validator

from mediators import portable
from mediators.models import Audience, ExpertiseArea, Mediator
from tests.conftest import client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SCHEMA = "/schemas/mediator-profile/v1.json"


def upload(data, name="profile.json"):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile(name, raw, content_type="application/json")


def exported(user):
    response = client_for(user).get("/en/me/profile.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mediator-profile.json"'
    return json.loads(response.content)


def start_from(user, data):
    client = client_for(user)
    response = client.post("/en/me/import/", {"file": upload(data)})
    return client, response


def test_the_schema_is_published_at_a_stable_address(client):
    response = client.get(SCHEMA)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/schema+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    schema = json.loads(response.content)
    Draft202012Validator.check_schema(schema)
    assert schema["$id"] == "http://testserver" + SCHEMA
    assert schema["$defs"]["audience"]["enum"] == ["public", "members", "staff"]
    assert client.get("/en" + SCHEMA).status_code == 404, "one address in every language"


def test_her_download_validates_against_the_schema_with_every_part_and_audience(showcase):
    data = exported(showcase.user)
    Draft202012Validator(portable.schema()).validate(data)
    profile = data["profile"]
    assert profile["display_name"] == "Samira Showcase"
    assert {row["code"]: row["level"] for row in profile["languages"]} == {
        "ar": "native",
        "fr": "C1",
    }
    assert profile["bio"] == {"audience": "public", "text": showcase.bio}
    assert profile["nationalities"] == {"audience": "public", "countries": ["DE", "SY"]}
    assert profile["phone"]["audience"] == "staff"
    assert profile["trainings"]["items"][0]["title"] == "Mediation course"


def test_her_file_starts_a_new_draft_with_every_part_equal(showcase):
    data = exported(showcase.user)
    newcomer = UserFactory(email="newcomer@example.net")
    client, response = start_from(newcomer, data)
    assert response.status_code == 302
    assert response["Location"] == "/en/me/import/review/"
    assert not Mediator.objects.filter(user=newcomer).exists(), "nothing saved yet"
    review = client.get("/en/me/import/review/").content.decode()
    for text in ("Samira Showcase", "Arabic", "Native", "Mediation course", "Syria"):
        assert text in review
    assert "in the file: Everyone; here: staff only" in review
    response = client.post("/en/me/import/review/", {"parts": portable.PARTS})
    assert response.status_code == 302
    draft = Mediator.objects.get(user=newcomer)
    assert draft.status == Mediator.Status.DRAFT
    again = exported(newcomer)["profile"]
    original = data["profile"]
    # Every part is equal, and every audience the most cautious, whatever the file said.
    for part, value in original.items():
        if isinstance(value, dict):
            assert again[part] == value | {"audience": "staff"}, part
        elif part != "visibility":
            assert again[part] == value, part
    assert again["visibility"] == "hidden"
    assert all(
        draft.audience_for(section) == Audience.STAFF
        for section in draft.SECTIONS
        if section != "photo"
    )


def test_a_file_taken_with_no_part_ticked_says_why_beside_the_parts(showcase, newcomer):
    """The summary at the top leads to the parts, whose boxes are marked wrong and described
    by the reason given beside them."""
    client, _response = start_from(newcomer, exported(showcase.user))
    # What her browser sends with every box unticked: the form's token alone.
    response = client.post("/en/me/import/review/", {"csrfmiddlewaretoken": "token"})
    assert response.status_code == 400
    html = response.content.decode()
    assert '<a href="#id_parts">' in html
    parts = re.search(r"<fieldset.*?</fieldset>", html, re.DOTALL)[0]
    assert parts.startswith('<fieldset id="id_parts" aria-describedby="id_parts_error">')
    assert '<ul class="errorlist" id="id_parts_error">' in parts
    assert parts.count('aria-invalid="true"') == parts.count('type="checkbox"') > 1
    assert "aria-invalid" not in client.get("/en/me/import/review/").content.decode()


def test_she_takes_only_the_parts_she_ticks_into_her_draft(showcase, member):
    Mediator.objects.filter(user=member).update(status=Mediator.Status.DRAFT, bio="Mine.")
    data = exported(showcase.user)
    client, _response = start_from(member, data)
    client.post("/en/me/import/review/", {"parts": ["languages"]})
    draft = Mediator.objects.get(user=member)
    assert draft.display_name == "Amina Member" and draft.bio == "Mine."
    assert {row.code for row in draft.languages.all()} == {"ar", "fr"}


@pytest.mark.parametrize("in_file", [True, None])
def test_a_file_never_opens_her_contact_form(member, in_file):
    """What she takes starts at the most cautious setting: a file that says nothing of the
    contact form, or says it is open, left hers open after she had closed it."""
    Mediator.objects.filter(user=member).update(status=Mediator.Status.DRAFT, accepts_contact=False)
    data = valid()
    if in_file is not None:
        data["profile"]["accepts_contact"] = in_file
    client, _response = start_from(member, data)
    client.post("/en/me/import/review/", {"parts": ["about"]})
    mediator = Mediator.objects.get(user=member)
    assert mediator.display_name == "Nadia Noor"
    assert mediator.accepts_contact is False


def test_a_headline_of_spaces_from_a_file_is_no_headline(newcomer):
    """Stored as the file had it, it passed the check before staff review as a headline."""
    area = ExpertiseArea.objects.first()
    data = valid()
    data["profile"] |= {"headline": "     ", "pronouns": " she/her ", "expertise": [area.slug]}
    client, _response = start_from(newcomer, data)
    client.post("/en/me/import/review/", {"parts": ["about", "expertise", "languages"]})
    mediator = Mediator.objects.get(user=newcomer)
    assert (mediator.headline, mediator.pronouns) == ("", "she/her")
    response = client.post("/en/me/submit/", follow=True)
    assert "a headline" in response.content.decode()
    mediator.refresh_from_db()
    assert mediator.status == Mediator.Status.DRAFT


def test_a_name_in_a_file_decomposed_is_kept_as_the_same_name_typed(newcomer):
    data = valid()
    data["profile"]["display_name"] = unicodedata.normalize("NFD", "Ayşe Öztürk")
    client, _response = start_from(newcomer, data)
    client.post("/en/me/import/review/", {"parts": ["about", "languages"]})
    assert Mediator.objects.get(user=newcomer).display_name == "Ayşe Öztürk"


def test_a_file_closes_her_contact_form_if_it_says_so(member):
    Mediator.objects.filter(user=member).update(status=Mediator.Status.DRAFT)
    data = valid()
    data["profile"]["accepts_contact"] = False
    client, _response = start_from(member, data)
    client.post("/en/me/import/review/", {"parts": ["about"]})
    assert Mediator.objects.get(user=member).accepts_contact is False


def test_a_new_profile_needs_its_name(showcase):
    newcomer = UserFactory()
    client, _response = start_from(newcomer, exported(showcase.user))
    response = client.post("/en/me/import/review/", {"parts": ["languages"]})
    assert response.status_code == 400
    assert "A new profile needs a name" in response.content.decode()
    assert not Mediator.objects.filter(user=newcomer).exists()


def test_a_listed_profile_is_not_overwritten_by_a_file(showcase, member):
    _client, response = start_from(member, exported(showcase.user))
    assert response.status_code == 302 and response["Location"] == "/en/me/"
    assert Mediator.objects.get(user=member).display_name == "Amina Member"


def valid():
    return {
        "format": "mediator-profile",
        "version": "1.3",
        "profile": {"display_name": "Nadia Noor", "languages": [{"code": "ar", "level": "C2"}]},
    }


BAD = [
    (b"not json", "The file is not JSON."),
    (b"\xff\xfe\x00", "The file is not UTF-8 text."),
    (b"[" * 100_000 + b"]" * 100_000, "The file is not JSON."),
    ({"format": "cv", "version": "1.0", "profile": {"display_name": "x"}}, "format: 'cv' is not"),
    ({**valid(), "version": "2.0"}, "version: '2.0' is not in the expected form."),
    ({"format": "mediator-profile", "version": "1.0"}, "the file: profile is missing."),
    (
        {**valid(), "profile": {"display_name": "x", "languages": [{"code": "ar", "level": "D1"}]}},
        "profile / languages / 1 / level: 'D1' is not one of the values the format allows.",
    ),
    (
        {**valid(), "profile": {"display_name": "x", "languages": [{"code": "zz", "level": "C1"}]}},
        "profile / languages / 1 / code: zz is not a language code.",
    ),
    (
        {**valid(), "profile": {"display_name": "x" * 121}},
        "profile / display_name: longer than 120 characters.",
    ),
    (
        {**valid(), "profile": {"display_name": "Nadia\r\nBcc: all@example.org"}},
        "profile / display_name: 'Nadia\\r\\nBcc: all@example.org' is not in the expected form.",
    ),
    (
        {
            **valid(),
            "profile": {"display_name": "x", "phone": {"audience": "staff", "number": "12"}},
        },
        "profile / phone / number: 12 is not a phone number with its country code.",
    ),
    (
        {
            **valid(),
            "profile": {"display_name": "x", "regions": {"audience": "all", "countries": ["XX"]}},
        },
        "profile / regions / audience: 'all' is not one of the values the format allows.",
    ),
    (
        {**valid(), "profile": {"display_name": "x", "salary": 1}},
        "'salary' is not part of the format.",
    ),
    # Spaces alone, a name the forms refuse as empty, were saved as one.
    (
        {**valid(), "profile": {"display_name": "   "}},
        "profile / display_name: '   ' is not in the expected form.",
    ),
    # Beyond what the Training section takes (it could then not be saved), or than the
    # database holds (a server error).
    *[
        (
            {
                **valid(),
                "profile": {
                    "display_name": "x",
                    "trainings": {
                        "audience": "staff",
                        "items": [{"title": "T", "provider": "P", "year": 2000, "hours": hours}],
                    },
                },
            },
            f"profile / trainings / items / 1 / hours: {hours} is more than 5000.",
        )
        for hours in (40_000, 10**20)
    ],
    (b"{" + b" " * (300 * 1024) + b"}", "The file is larger than 256 KB."),
    (
        b'{"format": "mediator-profile", "version": "1.3", '
        b'"profile": {"display_name": "Nadia\\u0000Noor"}}',
        "profile / display_name: holds a character no text may hold",
    ),
    (
        b'{"format": "mediator-profile", "version": "1.3", '
        b'"profile": {"display_name": "Nadia", "bio": {"audience": "public", "text": "\\ud800"}}}',
        "profile / bio / text: holds a character no text may hold",
    ),
]


@pytest.mark.parametrize(("content", "message"), BAD, ids=[str(n) for n in range(len(BAD))])
def test_a_bad_file_says_why_by_field_and_changes_nothing(member, content, message):
    Mediator.objects.filter(user=member).update(status=Mediator.Status.DRAFT)
    before = Mediator.objects.filter(user=member).values().get()
    client, response = start_from(member, content)
    assert response.status_code == 400
    html = response.content.decode()
    assert message.replace("'", "&#x27;") in html, html.split("<main", 1)[1][:3000]
    assert "mediators.profile_file" not in client.session
    assert Mediator.objects.filter(user=member).values().get() == before


def test_the_errors_are_in_german_too(member):
    Mediator.objects.filter(user=member).update(status=Mediator.Status.DRAFT)
    response = client_for(member).post("/de/me/import/", {"file": upload(b"nope")})
    assert "Die Datei ist kein JSON." in response.content.decode()


def test_expertise_this_network_does_not_list_is_named_and_left_out(member):
    Mediator.objects.filter(user=member).update(status=Mediator.Status.DRAFT)
    slug = ExpertiseArea.objects.first().slug
    data = valid()
    data["profile"]["expertise"] = [slug, "underwater-basket-weaving"]
    client, _response = start_from(member, data)
    review = client.get("/en/me/import/review/").content.decode()
    assert "The area of expertise &#x27;underwater-basket-weaving&#x27;" in review
    client.post("/en/me/import/review/", {"parts": ["about", "expertise"]})
    assert list(Mediator.objects.get(user=member).expertise.values_list("slug", flat=True)) == [
        slug
    ]


def test_the_review_without_a_file_goes_back_to_the_upload(member):
    Mediator.objects.filter(user=member).update(status=Mediator.Status.DRAFT)
    response = client_for(member).get("/en/me/import/review/")
    assert response.status_code == 302 and response["Location"] == "/en/me/import/"


def test_another_member_never_sees_her_file(member, other_member, showcase):
    Mediator.objects.filter(user=member).update(status=Mediator.Status.DRAFT)
    start_from(member, exported(showcase.user))
    response = client_for(other_member).get("/en/me/import/review/")
    assert "Samira" not in response.content.decode()
