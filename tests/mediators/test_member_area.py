"""A member's own area: her draft, her sections, her photo, her submission."""

import re
import unicodedata
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFile

from mediators.forms import StartProfileForm
from mediators.models import Mediator, MediatorLanguage, RegionalExperience, Training
from tests.browser_form import posted_back
from tests.conftest import client_for
from tests.images import DAMAGED_EXIF, cut_out_portrait, grey_16_bit, photo_with_damaged_exif
from tests.mediators.conftest import area
from tests.pages import ME_SECTIONS

pytestmark = pytest.mark.django_db


def test_a_newcomer_starts_a_draft_profile(newcomer):
    client = client_for(newcomer)
    assert "Start your profile" in client.get("/en/me/").content.decode()
    response = client.post("/en/me/", {"display_name": "  Nia   Newcomer ", "headline": "Mediator"})
    assert response.status_code == 302
    mediator = Mediator.objects.get(user=newcomer)
    assert mediator.display_name == "Nia Newcomer"
    assert mediator.status == Mediator.Status.DRAFT
    assert mediator.visibility == Mediator.Visibility.MEMBERS, "the cautious default"


def test_the_member_area_needs_a_sign_in(client):
    response = client.get("/en/me/edit/profile/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/")


def test_editing_a_section_changes_only_the_members_own_profile(member, other_member):
    client = client_for(member)
    response = client.post(
        "/en/me/edit/profile/",
        {"display_name": "Amina M.", "headline": "New headline", "bio": "", "pronouns": ""},
    )
    assert response.status_code == 302
    assert Mediator.objects.get(user=member).headline == "New headline"
    assert Mediator.objects.get(user=other_member).headline == "Senior mediation adviser"


def nfd(text):
    """Text as some systems and PDFs give it when pasted: each accent a character of its own."""
    return unicodedata.normalize("NFD", text)


def test_a_name_pasted_decomposed_is_kept_as_the_same_name_typed(member, superuser_client):
    client = client_for(member)
    response = client.post(
        "/en/me/edit/profile/",
        {
            "display_name": nfd("Ayşe Öztürk"),
            "headline": nfd("Médiatrice"),
            "bio": nfd("Née à Genève."),
            "pronouns": "",
        },
    )
    assert response.status_code == 302
    mediator = Mediator.objects.get(user=member)
    assert (mediator.display_name, mediator.headline, mediator.bio) == (
        "Ayşe Öztürk",
        "Médiatrice",
        "Née à Genève.",
    )
    found = superuser_client.get("/admin/mediators/mediator/", {"q": "Öztürk"})
    assert list(found.context["cl"].result_list) == [mediator]


def test_languages_formset_cannot_touch_another_members_rows(member, other_member):
    theirs = MediatorLanguage.objects.create(mediator=other_member.mediator, code="ru", level=5)
    client = client_for(member)
    forged = {
        "languages-TOTAL_FORMS": "1",
        "languages-INITIAL_FORMS": "1",
        "languages-0-id": str(theirs.pk),
        "languages-0-code": "de",
        "languages-0-level": "7",
    }
    client.post("/en/me/edit/languages/", forged)
    client.post("/en/me/edit/languages/", {**forged, "languages-0-DELETE": "on"})
    theirs.refresh_from_db()
    assert (theirs.mediator, theirs.code) == (other_member.mediator, "ru")
    assert not member.mediator.languages.exists()


def test_languages_and_trainings_are_edited_as_formsets(member):
    client = client_for(member)
    response = client.post(
        "/en/me/edit/languages/",
        {
            "languages-TOTAL_FORMS": "2",
            "languages-INITIAL_FORMS": "0",
            "languages-0-code": "ar",
            "languages-0-level": "7",
            "languages-1-code": "sw",
            "languages-1-level": "4",
        },
    )
    assert response.status_code == 302
    assert set(member.mediator.languages.values_list("code", flat=True)) == {"ar", "sw"}
    response = client.post(
        "/en/me/edit/trainings/",
        {
            "trainings-TOTAL_FORMS": "1",
            "trainings-INITIAL_FORMS": "0",
            "trainings-0-title": "Mediation course",
            "trainings-0-provider": "Academy",
            "trainings-0-year": "2021",
            "trainings-0-kind": "course",
            "trainings-0-hours": "40",
        },
    )
    assert response.status_code == 302
    assert Training.objects.get(mediator=member.mediator).hours == 40


@pytest.mark.parametrize(
    ("section", "data", "message"),
    [
        ("profile", {"display_name": "A", "headline": "h" * 161}, "at most 160 characters"),
        ("profile", {"display_name": "A", "headline": "ok", "bio": "b" * 5001}, "at most 5000"),
        ("profile", {"display_name": "A", "headline": "ok", "years_experience": "99"}, "70"),
        ("profile", {"display_name": "   ", "headline": "ok"}, "This field is required"),
        ("regions", {"countries": ["XX"]}, "Select a valid choice"),
        ("privacy", {"visibility": "everyone"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_changes_nothing(member, section, data, message):
    before = Mediator.objects.filter(user=member).values().get()
    response = client_for(member).post(f"/en/me/edit/{section}/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Mediator.objects.filter(user=member).values().get() == before


def test_she_is_told_what_a_pseudonym_cannot_hide_before_she_chooses_one(member_client):
    page = member_client.get("/en/me/edit/privacy/").content.decode()
    assert "A pseudonym hides your name from the public from now on, not before" in page
    german = member_client.get("/de/me/edit/privacy/").content.decode()
    assert "Ein Pseudonym verbirgt Ihren Namen ab jetzt vor der Öffentlichkeit" in german


def test_unknown_sections_are_not_found(member_client):
    assert member_client.get("/en/me/edit/password/").status_code == 404
    assert member_client.get("/en/me/preview/staff/").status_code == 404


def test_regions_follow_from_countries(member):
    client_for(member).post("/en/me/edit/regions/", {"countries": ["KE", "CO"]})
    rows = {
        row.country.code: (row.subregion, row.region) for row in RegionalExperience.objects.all()
    }
    assert rows == {"KE": ("014", "002"), "CO": ("005", "019")}


def test_her_edit_pages_show_the_countries_and_languages_she_chose(member):
    mediator = member.mediator
    mediator.country, mediator.nationalities = "KE", ["KE", "SO"]
    mediator.save()
    MediatorLanguage.objects.create(mediator=mediator, code="sw", level=5)
    client = client_for(member)
    client.post("/en/me/edit/regions/", {"countries": ["ET", "CO"]})

    chosen = {}
    for section in ("profile", "languages", "regions"):
        page = client.get(f"/de/me/edit/{section}/").content.decode()
        chosen[section] = re.findall(r'<option value="(\w+)" selected>([^<]*)<', page)
    assert chosen == {
        # The language of her texts, the country she lives in, her nationalities.
        "profile": [("en", "Englisch"), ("KE", "Kenia"), ("KE", "Kenia"), ("SO", "Somalia")],
        "languages": [("sw", "Suaheli"), ("5", "C1 (fortgeschritten)")],
        "regions": [("ET", "Äthiopien"), ("CO", "Kolumbien")],
    }


def test_submit_needs_a_complete_profile_then_enters_the_queue(newcomer):
    client = client_for(newcomer)
    client.post("/en/me/", {"display_name": "Nia", "headline": "Mediator"})
    response = client.post("/en/me/submit/", follow=True)
    assert "at least one expertise area" in response.content.decode()
    mediator = Mediator.objects.get(user=newcomer)
    assert mediator.status == Mediator.Status.DRAFT
    mediator.expertise.add(area("process-design"))
    MediatorLanguage.objects.create(mediator=mediator, code="en", level=7)
    client.post("/en/me/submit/")
    mediator.refresh_from_db()
    assert mediator.status == Mediator.Status.SUBMITTED
    assert client.get("/en/me/submit/").status_code == 405


# Photos.


def image_upload(fmt="JPEG", size=(400, 300), name="face.jpg", **save_kwargs):
    buffer = BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=fmt, **save_kwargs)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_photo_upload_is_reencoded_without_metadata(member):
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (52.0, 31.0, 12.0)}  # GPS position
    exif[0x010F] = "CameraMaker"
    # A JPEG comment, where some apps write the place a photo was taken.
    upload = image_upload(exif=exif.tobytes(), comment=b"Taken at 52.5200N 13.4050E")
    sent = upload.read()
    assert b"CameraMaker" in sent and b"52.5200N" in sent
    upload.seek(0)
    response = client_for(member).post("/en/me/photo/", {"photo": upload})
    assert response.status_code == 302
    mediator = Mediator.objects.get(user=member)
    with mediator.photo_small.open("rb") as stored:
        assert b"52.5200N" not in stored.read()
    with mediator.photo.open("rb") as stored:
        data = stored.read()
    assert b"CameraMaker" not in data and b"52.5200N" not in data
    image = Image.open(BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert max(image.size) <= 640
    assert "member" not in mediator.photo.name and "amina" not in mediator.photo.name.lower()


def test_a_camera_s_multi_picture_jpeg_is_taken_as_a_jpeg(member):
    """Many cameras and phones write a JPEG with a second picture inside (MPO); Pillow names
    it apart, and such photos were refused as not JPEG."""
    buffer = BytesIO()
    main, preview = Image.new("RGB", (400, 300), "navy"), Image.new("RGB", (160, 120), "red")
    main.save(buffer, format="MPO", save_all=True, append_images=[preview])
    upload = SimpleUploadedFile("IMG_0001.JPG", buffer.getvalue())
    response = client_for(member).post("/en/me/photo/", {"photo": upload})
    assert response.status_code == 302
    mediator = Mediator.objects.get(user=member)
    with mediator.photo.open("rb") as stored:
        image = Image.open(BytesIO(stored.read()))
    assert (image.format, image.size) == ("JPEG", (400, 300))


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("face.jpg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
            "JPEG, PNG or WebP",
        ),
        (SimpleUploadedFile("face.png", b"GIF89a" + b"\0" * 100), "JPEG, PNG or WebP"),
        (image_upload(fmt="GIF", name="face.jpg"), "JPEG, PNG or WebP"),
        (image_upload(fmt="PNG", size=(9000, 9000), name="bomb.png"), "too many pixels"),
        (
            SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (5 * 1024 * 1024 + 1)),
            "larger than 5 MB",
        ),
    ],
)
def test_bad_photos_are_refused_with_a_message(member, upload, message):
    response = client_for(member).post("/en/me/photo/", {"photo": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Mediator.objects.get(user=member).photo


@pytest.mark.parametrize("kind", list(DAMAGED_EXIF))
def test_a_photo_with_damaged_metadata_is_taken_and_stood_upright(member, kind):
    response = client_for(member).post("/en/me/photo/", {"photo": photo_with_damaged_exif(kind)})
    assert response.status_code == 302
    mediator = Mediator.objects.get(user=member)
    for field in (mediator.photo, mediator.photo_small):
        with field.open("rb") as stored:
            image = Image.open(BytesIO(stored.read()))
        assert image.height > image.width, "turned as the camera was held"
        assert not image.getexif()


def _stored_photo(member):
    with Mediator.objects.get(user=member).photo.open("rb") as stored:
        return Image.open(BytesIO(stored.read())).convert("RGB")


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P"])
def test_a_portrait_cut_out_of_its_background_stands_on_white(member, mode):
    response = client_for(member).post("/en/me/photo/", {"photo": cut_out_portrait(mode)})
    assert response.status_code == 302
    image = _stored_photo(member)
    assert min(image.getpixel((3, 3))) > 240, "the transparent background is white, not black"
    assert max(image.getpixel((100, 100))) > 180, "the portrait itself is kept"


@pytest.mark.parametrize(("level", "expected"), [(0x0000, 0), (0x8000, 128), (0xFFFF, 255)])
def test_a_16_bit_grey_photo_keeps_its_greys(member, level, expected):
    response = client_for(member).post("/en/me/photo/", {"photo": grey_16_bit(level)})
    assert response.status_code == 302
    for channel in _stored_photo(member).getpixel((100, 100)):
        assert abs(channel - expected) <= 2


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_half_a_photo_is_refused_not_stored_with_a_grey_half(member, fmt, monkeypatch):
    """A photo cut off on its way (a dropped connection, a file half copied) is refused, though
    WeasyPrint, once imported, tells Pillow to read such files whole, for the whole process."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    buffer = BytesIO()
    Image.effect_noise((800, 600), 60).convert("RGB").save(buffer, format=fmt)
    half = buffer.getvalue()[: len(buffer.getvalue()) // 2]
    upload = SimpleUploadedFile(f"face.{fmt.lower()}", half)
    response = client_for(member).post("/en/me/photo/", {"photo": upload})
    assert response.status_code == 400
    assert "JPEG, PNG or WebP" in response.content.decode()
    assert not Mediator.objects.get(user=member).photo


def test_her_dashboard_shows_what_her_profile_has_and_lacks(member):
    """A checklist: each part done, or a link to where she adds it, saying whether staff need
    it to review her profile or it only helps."""
    client = client_for(member)
    mediator = Mediator.objects.get(user=member)
    mediator.expertise.clear()
    mediator.refresh_search()
    page = " ".join(client.get("/en/me/").content.decode().split())
    assert "Your profile at a glance" in page
    assert 'A headline <span class="visually-hidden">(done)</span>' in page
    assert (
        '<a href="/en/me/edit/expertise/">An area of expertise</a> '
        '<span class="muted">(needed for review)</span>'
    ) in page
    assert '<a href="/en/me/photo/">A photo</a> <span class="muted">(recommended)</span>' in page
    # She adds an area: the list says so at once.
    response = client.post("/en/me/edit/expertise/", {"expertise": [area("process-design").pk]})
    assert response.status_code == 302
    page = " ".join(client.get("/en/me/").content.decode().split())
    assert 'An area of expertise <span class="visually-hidden">(done)</span>' in page


def _her_profile(mediator):
    """What her sections hold: her fields and her rows."""
    mediator.refresh_from_db()
    fields = {
        name: value
        for name, value in Mediator.objects.filter(pk=mediator.pk).values().get().items()
        # Not the times of saving, the derived columns, what staff last verified (the
        # fixture's approval recorded none, which her first save records), or the language
        # her mail comes in, which follows the one she last used the site in.
        if not name.endswith("_at")
        and not name.startswith(("search", "summary"))
        and name not in ("verified_content", "mail_language")
    }
    rows = {
        "languages": list(mediator.languages.values_list("code", "level").order_by("code")),
        "trainings": list(mediator.trainings.values_list("title", "provider", "year", "hours")),
        "regions": sorted(str(row.country) for row in mediator.regional_experience.all()),
        "expertise": sorted(mediator.expertise.values_list("slug", flat=True)),
    }
    return fields, rows


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("section", ME_SECTIONS)
def test_each_section_saved_unchanged_from_her_browser_saves_and_changes_nothing(
    showcase, section, language
):
    """As her browser posts the form back: a list with no option chosen sends its first one.
    The languages' empty rows once sent a language with no level, and every save of the
    section was refused until she filled both in."""
    client = client_for(showcase.user)
    before = _her_profile(showcase)
    url = f"/{language}/me/edit/{section}/"
    data = posted_back(client.get(url).content.decode(), "csrfmiddlewaretoken")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _her_profile(showcase) == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "Language: each may be given only once."),
        ("de", "Sprache: jede Angabe darf nur einmal vorkommen."),
    ],
)
def test_a_language_given_twice_is_named_by_its_label(newcomer, language, message):
    """Django named the column: "Please correct the duplicate data for code." in any language."""
    client = client_for(newcomer)
    client.post("/en/me/", {"display_name": "Nia", "headline": "Mediator"})
    data = {
        "languages-TOTAL_FORMS": "2",
        "languages-INITIAL_FORMS": "0",
        "languages-MIN_NUM_FORMS": "0",
        "languages-MAX_NUM_FORMS": "20",
        "languages-0-code": "fr",
        "languages-0-level": "5",
        "languages-1-code": "fr",
        "languages-1-level": "6",
    }
    response = client.post(f"/{language}/me/edit/languages/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and "for code" not in page and "für code" not in page
    assert not MediatorLanguage.objects.exists()


def test_her_area_is_one_link_away_wherever_she_is(member):
    """Once she left it, nothing led back to her member area but its address."""
    client = client_for(member)
    for page in ("/en/", "/en/mediators/", "/en/accounts/email/"):
        assert 'href="/en/me/"' in client.get(page).content.decode(), page


def test_a_requester_s_area_is_her_requests(requester):
    """She was offered a mediator's profile to start."""
    response = client_for(requester).get("/en/me/")
    assert response.status_code == 302 and response["Location"] == "/en/requests/"


def test_a_hidden_profile_s_area_offers_no_page_she_cannot_open(member):
    """Listed for staff only, her area offered her listed profile, a page not found to her."""
    Mediator.objects.filter(user=member).update(visibility="hidden")
    client = client_for(member)
    page = client.get("/en/me/").content.decode()
    assert "Your profile is listed." in page
    for address in re.findall(r'href="(/en/mediators/[^"]+/)"', page):
        assert client.get(address).status_code == 200, address


def test_a_profile_started_in_two_tabs_at_once_is_started_once(newcomer, monkeypatch):
    """The second tab's check ran before the first one's save: a server error."""
    checked = StartProfileForm.clean

    def clean_then_other_tab_starts(form):
        data = checked(form)
        Mediator.objects.create(user=newcomer, display_name="Nia (other tab)", headline="x")
        return data

    monkeypatch.setattr(StartProfileForm, "clean", clean_then_other_tab_starts)
    data = {"display_name": "Nia Newcomer", "headline": "Mediator"}
    response = client_for(newcomer).post("/en/me/", data)
    assert response.status_code == 302 and response["Location"] == "/en/me/"
    assert Mediator.objects.get(user=newcomer).display_name == "Nia (other tab)"
