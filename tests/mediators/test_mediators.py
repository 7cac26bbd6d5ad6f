import re
from io import BytesIO, StringIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from mediators.models import (
    ContactMessage,
    ExpertiseArea,
    Mediator,
    MediatorLanguage,
    MediatorTrack,
    RegionalExperience,
    Training,
)
from tests.conftest import PAGE_VERSION, client_for
from tests.factories import MediatorFactory

pytestmark = pytest.mark.django_db

ROSTER = "/en/mediators/"


def area(slug):
    return ExpertiseArea.objects.get(slug=slug)


def roster_slugs(client, params):
    response = client.get(ROSTER, params)
    assert response.status_code == 200
    return {profile.mediator.slug for profile in response.context["cards"]}


@pytest.fixture
def roster(db):
    """Three listed mediators that differ in every filtered attribute."""
    amal = MediatorFactory(
        display_name="Amal Haddad",
        headline="Ceasefire negotiator",
        bio="Led talks on security arrangements.",
        years_experience=20,
        availability="available",
        availability_audience=0,
        regions_audience=0,
        bio_audience=0,
    )
    amal.expertise.set([area("ceasefire-security"), area("process-design")])
    MediatorLanguage.objects.create(mediator=amal, code="ar", level=7)
    MediatorLanguage.objects.create(mediator=amal, code="fr", level=4)
    MediatorTrack.objects.create(mediator=amal, track="1")
    amal.backgrounds.create(background="diplomacy")
    RegionalExperience(mediator=amal, country="SY").save()

    brigitte = MediatorFactory(
        display_name="Brigitte Olsen",
        headline="Dialogue facilitator",
        bio="Community dialogue in the Sahel.",
        years_experience=8,
        availability="limited",
        availability_audience=0,
        regions_audience=0,
        bio_audience=0,
    )
    brigitte.expertise.set([area("dialogue-facilitation"), area("process-design")])
    MediatorLanguage.objects.create(mediator=brigitte, code="fr", level=6)
    MediatorTrack.objects.create(mediator=brigitte, track="3")
    brigitte.backgrounds.create(background="civil-society")
    RegionalExperience(mediator=brigitte, country="ML").save()

    carmen = MediatorFactory(
        display_name="Carmen Ruiz",
        headline="Constitutional lawyer",
        bio="Advises on constitution-making.",
        years_experience=12,
        availability="available",
        availability_audience=0,
        regions_audience=0,
        bio_audience=0,
    )
    carmen.expertise.set([area("constitution-making")])
    MediatorLanguage.objects.create(mediator=carmen, code="es", level=7)
    MediatorTrack.objects.create(mediator=carmen, track="1")
    MediatorTrack.objects.create(mediator=carmen, track="2")
    carmen.backgrounds.create(background="law")
    RegionalExperience(mediator=carmen, country="CO").save()
    for mediator in (amal, brigitte, carmen):
        mediator.refresh_search()
    return {"amal": amal.slug, "brigitte": brigitte.slug, "carmen": carmen.slug}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"amal", "brigitte", "carmen"}),
        ({"q": "ceasefire"}, {"amal"}),
        ({"q": "Olsen"}, {"brigitte"}),
        ({"q": "constitution"}, {"carmen"}),
        ({"q": "Sahel dialogue"}, {"brigitte"}),
        ({"expertise": "process-design"}, {"amal", "brigitte"}),
        ({"expertise": ["process-design", "ceasefire-security"]}, {"amal"}),
        ({"language": "fr"}, {"amal", "brigitte"}),
        ({"language": "fr", "level": "5"}, {"brigitte"}),
        ({"language": ["fr", "ar"]}, {"amal"}),
        ({"region": "145"}, {"amal"}),
        ({"region": "002"}, {"brigitte"}),
        ({"region": "019"}, {"carmen"}),
        ({"country": "ML"}, {"brigitte"}),
        ({"track": "1"}, {"amal", "carmen"}),
        ({"track": ["1", "2"]}, {"carmen"}),
        ({"background": ["law", "diplomacy"]}, {"amal", "carmen"}),
        ({"available": "on"}, {"amal", "carmen"}),
        ({"language": "sw"}, set()),
    ],
)
def test_roster_filters(client, roster, params, expected):
    assert roster_slugs(client, params) == {roster[name] for name in expected}


def test_a_change_made_anywhere_shows_in_the_filters_at_once(client, roster):
    """No form needs to remember a refresh: her rows changed, her documents follow."""
    carmen = Mediator.objects.get(slug=roster["carmen"])
    carmen.languages.get(code="es").delete()
    carmen.tracks.create(track="3")
    carmen.expertise.add(area("process-design"))
    assert roster_slugs(client, {"language": "es"}) == set()
    assert roster_slugs(client, {"track": "3"}) == {roster["brigitte"], roster["carmen"]}
    assert roster["carmen"] in roster_slugs(client, {"expertise": "process-design"})
    area("process-design").mediators.remove(carmen)
    assert roster["carmen"] not in roster_slugs(client, {"expertise": "process-design"})


@pytest.mark.parametrize("how", ["instance", "queryset", "account"])
def test_a_deleted_profile_is_not_rewritten_on_its_way_out(roster, how):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    carmen = Mediator.objects.get(slug=roster["carmen"])
    with CaptureQueriesContext(connection) as queries:
        if how == "instance":
            carmen.delete()
        elif how == "queryset":
            Mediator.objects.filter(pk=carmen.pk).delete()
        else:
            carmen.user.delete()
    assert not Mediator.objects.filter(pk=carmen.pk).exists()
    assert not [q for q in queries if q["sql"].startswith('UPDATE "mediators_mediator"')]


def test_a_renamed_expertise_area_shows_and_is_found_by_its_new_name(client, roster):
    design = area("process-design")
    design.name_en = "Design of peace processes"
    design.save()
    tag = '<span class="tag">Design of peace processes</span>'
    assert tag in client.get(ROSTER).content.decode()
    assert roster_slugs(client, {"q": "peace processes design"}) == {
        roster["amal"],
        roster["brigitte"],
    }
    design.mediators.clear()
    assert tag not in client.get(ROSTER).content.decode()
    assert roster_slugs(client, {"expertise": "process-design"}) == set()


def test_search_and_filters_combine(client, roster):
    assert roster_slugs(client, {"q": "dialogue", "language": "fr"}) == {roster["brigitte"]}
    assert roster_slugs(client, {"q": "dialogue", "language": "es"}) == set()
    assert roster_slugs(client, {"q": "ceasefire", "track": "1", "available": "on"}) == {
        roster["amal"]
    }


@pytest.mark.parametrize(
    ("ordering", "first"), [("name", "amal"), ("-name", "carmen"), ("-experience", "amal")]
)
def test_roster_ordering_is_whitelisted(client, roster, ordering, first):
    response = client.get(ROSTER, {"ordering": ordering})
    assert response.context["cards"][0].mediator.slug == roster[first]


@pytest.mark.parametrize(
    ("ordering", "expected"), [("name", ["amal", "zora"]), ("-name", ["zora", "amal"])]
)
def test_a_chosen_order_applies_to_search_results_too(client, ordering, expected):
    """The word is in Amal's name and only in Zora's headline: without a chosen order, Amal
    is the better match on PostgreSQL and first by name on SQLite."""
    amal = MediatorFactory(display_name="Amal Quellwort")
    zora = MediatorFactory(display_name="Zora Nadim", headline="Quellwort adviser")
    slugs = {"amal": amal.slug, "zora": zora.slug}
    response = client.get(ROSTER, {"q": "quellwort", "ordering": ordering})
    assert [card.mediator.slug for card in response.context["cards"]] == [
        slugs[name] for name in expected
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"language": "xx"},
        {"expertise": "no-such-area"},
        {"region": "999"},
        {"ordering": "user__email"},
        {"track": "4"},
        {"level": "9"},
        {"q": "x" * 201},
    ],
)
def test_unknown_filter_values_are_refused_with_a_message(client, roster, params):
    response = client.get(ROSTER, params)
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()
    assert response.context["cards"] == []


def test_search_tolerates_a_typo_on_postgresql(client, roster, django_db_blocker):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("typo tolerance is a PostgreSQL feature; SQLite matches exact words")
    assert roster_slugs(client, {"q": "Brigite"}) == {roster["brigitte"]}
    assert roster_slugs(client, {"q": "Brigite", "language": "fr"}) == {roster["brigitte"]}
    assert roster_slugs(client, {"q": "Brigite", "language": "es"}) == set()


def test_roster_paginates_24_to_a_page_and_keeps_the_filters(client):
    for number in range(30):
        MediatorFactory(display_name=f"Mediator Person {number:02d}")
    response = client.get(ROSTER, {"q": "Person"})
    assert len(response.context["cards"]) == 24
    assert "q=Person&amp;page=2" in response.content.decode()
    assert len(client.get(ROSTER, {"q": "Person", "page": 2}).context["cards"]) == 6


def test_a_filtered_roster_counts_its_matches_on_every_page_and_refuses_a_page_past_the_end(
    client, django_assert_num_queries
):
    for number in range(30):
        MediatorFactory(display_name=f"Mediator Person {number:02d}").expertise.set(
            [area("process-design")]
        )
    MediatorFactory(display_name="Someone Else")
    filters = {"expertise": "process-design"}
    for page, cards in [(1, 24), (2, 6)]:
        response = client.get(ROSTER, {**filters, "page": page})
        assert len(response.context["cards"]) == cards
        assert "30 mediators" in response.content.decode()
        assert f"Page {page} of 2" in response.content.decode()
    # Past the end, the page's query finds nothing and the count tells that there is no such page.
    with django_assert_num_queries(2 + PAGE_VERSION + 1):
        assert client.get(ROSTER, {**filters, "page": 3}).status_code == 404
    assert client.get(ROSTER, {**filters, "page": "x"}).status_code == 404
    assert client.get(ROSTER, {**filters, "page": 0}).status_code == 404
    assert client.get(ROSTER, {**filters, "page": "last"}).context["page_obj"].number == 2
    # Nothing matches: the first page says so without counting again.
    with django_assert_num_queries(2 + PAGE_VERSION):
        response = client.get(ROSTER, {**filters, "language": "sw"})
    assert "0 mediators" in response.content.decode()
    assert "No mediator matches" in response.content.decode()


def test_empty_result_suggests_loosening_filters(client, roster):
    html = client.get(ROSTER, {"language": "sw"}).content.decode()
    assert "No mediator matches" in html
    assert "Clear all filters" in html


def test_draft_and_submitted_profiles_are_never_listed(client, staff_client):
    draft = MediatorFactory(status="draft")
    submitted = MediatorFactory(status="submitted")
    for viewer in (client, staff_client):
        html = viewer.get(ROSTER).content.decode()
        assert draft.display_name not in html and submitted.display_name not in html
        assert viewer.get(draft.get_absolute_url()).status_code == 404


# The member's own area.


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
        "profile": [("KE", "Kenia"), ("KE", "Kenia"), ("SO", "Somalia")],
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
    upload = image_upload(exif=exif.tobytes())
    assert b"CameraMaker" in upload.read()
    upload.seek(0)
    response = client_for(member).post("/en/me/photo/", {"photo": upload})
    assert response.status_code == 302
    mediator = Mediator.objects.get(user=member)
    with mediator.photo.open("rb") as stored:
        data = stored.read()
    assert b"CameraMaker" not in data
    image = Image.open(BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif()
    assert max(image.size) <= 640
    assert "member" not in mediator.photo.name and "amina" not in mediator.photo.name.lower()


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


# Contact.


def contact_data(**overrides):
    return {
        "name": "Dora Diplomat",
        "email": "dora@ministry.example",
        "organisation": "Ministry",
        "purpose": "mediation",
        "message": "Would you advise on a ceasefire process?",
        "website": "",
        **overrides,
    }


def test_contact_relays_the_message_without_revealing_her_address(client, member):
    mediator = member.mediator
    response = client.post(reverse("mediators:contact", args=[mediator.slug]), contact_data())
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == [member.email]
    assert sent.reply_to == ["dora@ministry.example"]
    assert "Would you advise" in sent.body
    assert ContactMessage.objects.filter(mediator=mediator).count() == 1
    page = client.get(mediator.get_absolute_url()).content.decode()
    assert "Your message has been sent" in page
    assert member.email not in page


def test_contact_honeypot_sends_nothing(client, member):
    response = client.post(
        reverse("mediators:contact", args=[member.mediator.slug]),
        contact_data(website="http://spam.example"),
    )
    assert response.status_code == 302
    assert mail.outbox == []
    assert not ContactMessage.objects.exists()


def test_contact_rejects_bad_input(client, member):
    response = client.post(
        reverse("mediators:contact", args=[member.mediator.slug]),
        contact_data(email="not-an-address", message=""),
    )
    assert response.status_code == 400
    assert "Enter a valid email address" in response.content.decode()
    assert mail.outbox == []


def test_contact_is_rate_limited(client, member):
    url = reverse("mediators:contact", args=[member.mediator.slug])
    for _ in range(5):
        assert client.post(url, contact_data()).status_code == 302
    response = client.post(url, contact_data())
    assert response.status_code == 429
    assert "Too many messages" in response.content.decode()
    assert len(mail.outbox) == 5


def test_contact_can_be_switched_off(client, member):
    Mediator.objects.filter(user=member).update(accepts_contact=False)
    assert "Send message" not in client.get(member.mediator.get_absolute_url()).content.decode()
    url = reverse("mediators:contact", args=[member.mediator.slug])
    assert client.post(url, contact_data()).status_code == 404


def test_contact_to_a_hidden_profile_is_not_found(client):
    hidden = MediatorFactory(visibility="hidden")
    url = reverse("mediators:contact", args=[hidden.slug])
    assert client.post(url, contact_data()).status_code == 404
    assert mail.outbox == []


# Staff.


def test_staff_review_actions_email_the_member(superuser_client, applicant):
    mediator = applicant.mediator
    response = superuser_client.post(
        "/admin/mediators/mediator/",
        {"action": "request_changes", "_selected_action": [mediator.pk]},
    )
    assert response.status_code == 200
    assert "Message to the member" in response.content.decode()
    superuser_client.post(
        "/admin/mediators/mediator/",
        {
            "action": "request_changes",
            "_selected_action": [mediator.pk],
            "apply": "1",
            "message": "Please add a training.",
        },
    )
    mediator.refresh_from_db()
    assert mediator.status == Mediator.Status.CHANGES_REQUESTED
    assert mediator.staff_feedback == "Please add a training."
    assert mail.outbox[-1].to == [applicant.email]
    assert "Please add a training." in mail.outbox[-1].body
    page = client_for(applicant).get("/en/me/").content.decode()
    assert "Please add a training." in page

    superuser_client.post(
        "/admin/mediators/mediator/",
        {"action": "approve", "_selected_action": [mediator.pk], "apply": "1", "message": ""},
    )
    mediator.refresh_from_db()
    assert mediator.status == Mediator.Status.APPROVED
    assert mediator.verified_on is not None


def test_admin_lists_profiles_needing_reverification(superuser_client):
    import datetime

    stale = MediatorFactory(verified_on=datetime.date(2020, 1, 1), display_name="Stale Person")
    fresh = MediatorFactory(display_name="Fresh Person")
    Mediator.objects.filter(pk=fresh.pk).update(verified_on=timezone.localdate())
    html = superuser_client.get("/admin/mediators/mediator/?verification=due").content.decode()
    assert stale.display_name in html
    assert fresh.display_name not in html


def test_admin_filters_and_search_answer(superuser_client, roster):
    for query in ["?status__exact=approved", "?language=ar", "?region=145", "?track=1", "?q=Olsen"]:
        assert superuser_client.get("/admin/mediators/mediator/" + query).status_code == 200


# Query counts.


@pytest.mark.parametrize("count", [5, 200])
def test_roster_runs_in_a_fixed_number_of_queries(client, count, django_assert_max_num_queries):
    for _ in range(count):
        mediator = MediatorFactory()
        mediator.expertise.set([area("process-design"), area("gender-inclusion")])
        MediatorLanguage.objects.create(mediator=mediator, code="fr", level=5)
        RegionalExperience(mediator=mediator, country="ML").save()
    # The filter's areas, and the page of cards (no related rows: their summary) with the count.
    with django_assert_max_num_queries(2 + PAGE_VERSION):
        response = client.get(ROSTER, {"expertise": "process-design", "language": "fr"})
    assert len(response.context["cards"]) == min(count, 24)
    if count:
        assert '<span class="visually-hidden">Languages: </span>French' in response.content.decode()


@pytest.mark.parametrize("languages", [1, 15])
def test_profile_runs_in_a_fixed_number_of_queries(
    client, languages, django_assert_max_num_queries
):
    mediator = MediatorFactory(trainings_audience=0, regions_audience=0)
    mediator.expertise.set(ExpertiseArea.objects.all())
    for code in [
        "ar",
        "fr",
        "es",
        "ru",
        "zh",
        "de",
        "sw",
        "pt",
        "tr",
        "fa",
        "uk",
        "am",
        "so",
        "ha",
        "it",
    ][:languages]:
        MediatorLanguage.objects.create(mediator=mediator, code=code, level=5)
        Training.objects.create(mediator=mediator, title=f"Course {code}", provider="P", year=2020)
    for country in ["ML", "NE", "TD", "SD", "SS"][: languages // 3 + 1]:
        RegionalExperience(mediator=mediator, country=country).save()
    MediatorTrack.objects.create(mediator=mediator, track="2")
    # The profile with its summary, her trainings, her engagements.
    with django_assert_max_num_queries(3 + PAGE_VERSION):
        response = client.get(mediator.get_absolute_url())
    page = response.content.decode()
    assert page.count("Course ") == languages
    assert page.count(": C1 (advanced)") == languages
    assert "Track 2" in page
    assert "Mali" in page


def test_seed_demo_creates_varied_fictional_mediators_once():
    call_command("seed_demo", "--mediators", "40", stdout=StringIO())
    created = Mediator.objects.count()
    assert created == 40
    call_command("seed_demo", "--mediators", "40", stdout=StringIO())
    assert Mediator.objects.count() == created
    modes = set(Mediator.objects.values_list("visibility", flat=True))
    assert modes == set(Mediator.Visibility.values)
    listed = Mediator.objects.listed()
    assert listed.exists() and listed.count() < created
    assert all(
        ExpertiseArea.objects.get(slug=slug).mediators.exists()
        for slug in ExpertiseArea.objects.values_list("slug", flat=True)
    )


def test_renaming_an_area_in_the_admin_refreshes_each_profile_once(superuser_client, monkeypatch):
    chosen = ExpertiseArea.objects.first()
    mediators = [MediatorFactory(display_name=name) for name in ("Ana One", "Bea Two")]
    for mediator in mediators:
        mediator.expertise.add(chosen)
    refreshed = []
    update = Mediator._update_search

    def counted(mediator):
        refreshed.append(mediator.pk)
        update(mediator)

    monkeypatch.setattr(Mediator, "_update_search", counted)
    response = superuser_client.post(
        f"/admin/mediators/expertisearea/{chosen.pk}/change/",
        {
            "name_en": "Renamed area",
            "name_de": "Umbenannter Bereich",
            "slug": chosen.slug,
            "position": chosen.position,
        },
    )

    assert response.status_code == 302
    assert sorted(refreshed) == sorted(mediator.pk for mediator in mediators)
    mediators[0].refresh_from_db()
    assert ["Renamed area", "Umbenannter Bereich"] in mediators[0].summary["expertise"]
