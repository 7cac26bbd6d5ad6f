import pytest

from tests.conftest import client_for
from tests.pages import page_params

pytestmark = [pytest.mark.django_db, pytest.mark.html]


def test_every_page_is_valid_html(request, vnu, tmp_path):
    """Every page, in both languages, passes the Nu Html Checker with zero errors."""
    documents = {}
    for page, language in page_params():
        url = page.url(language, request)
        response = client_for(page.user(request)).get(url)
        assert response.status_code == 200, url
        documents[url] = response.content.decode()
    errors = {url: found for url, found in vnu(documents, tmp_path).items() if found}
    assert errors == {}, errors


def test_the_matching_page_is_valid_html(showcase_proposal, focal_point, vnu, tmp_path):
    """The focal points' page in the admin, with a shortlist, a proposal and the outcome form."""
    url = f"/admin/appointments/request/{showcase_proposal.pk}/candidates/"
    response = client_for(focal_point).get(url)
    assert response.status_code == 200
    errors = vnu({url: response.content.decode()}, tmp_path)
    assert errors[url] == []


def test_the_admin_s_mediator_form_is_valid_html(superuser, vnu, tmp_path):
    """Staff review and edit profiles here, with every inline's rows filled in."""
    from mediators.models import MediatorLanguage, RegionalExperience, Training
    from tests.factories import MediatorFactory

    mediator = MediatorFactory(display_name="Amal Admin")
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=6)
    RegionalExperience(mediator=mediator, country="SD").save()
    Training.objects.create(mediator=mediator, title="Course", provider="P", year=2020)
    mediator.tracks.create(track="1")
    mediator.backgrounds.create(background="law")
    url = f"/admin/mediators/mediator/{mediator.pk}/change/"
    documents = {}
    for language in ("en", "de"):  # the admin speaks the browser's language
        response = client_for(superuser).get(url, headers={"accept-language": language})
        assert response.status_code == 200
        documents[f"{url} ({language})"] = response.content.decode()
    errors = {name: found for name, found in vnu(documents, tmp_path).items() if found}
    assert errors == {}, errors


def test_the_changes_since_verification_page_is_valid_html(member, superuser, vnu, tmp_path):
    """Staff compare a member's edits with what they verified, and put parts back."""
    # Her first edit after staff approved her profile.
    client_for(member).post("/en/me/edit/regions/", {"countries": ["KE", "SO"]})
    url = f"/admin/mediators/mediator/{member.mediator.pk}/changes/"
    response = client_for(superuser).get(url)
    assert response.status_code == 200
    assert 'name="parts"' in response.content.decode()
    errors = vnu({url: response.content.decode()}, tmp_path)
    assert errors[url] == []


def test_the_pages_that_read_a_profile_file_are_valid_html(showcase, newcomer, vnu, tmp_path):
    """A newcomer starts from her file from another network: the check of every part."""
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    data = client_for(showcase.user).get("/en/me/profile.json").content
    client = client_for(newcomer)
    documents = {}
    for language in ("en", "de"):
        upload = SimpleUploadedFile("p.json", data, content_type="application/json")
        client.post(f"/{language}/me/import/", {"file": upload})
        review = client.get(f"/{language}/me/import/review/")
        assert review.status_code == 200
        documents[f"review ({language})"] = review.content.decode()
        refused = client.post(
            f"/{language}/me/import/",
            {"file": SimpleUploadedFile("p.json", json.dumps({"format": 1}).encode())},
        )
        assert refused.status_code == 400
        documents[f"refused ({language})"] = refused.content.decode()
    errors = {name: found for name, found in vnu(documents, tmp_path).items() if found}
    assert errors == {}, errors


def test_the_api_documentation_page_is_valid_html(client, vnu, tmp_path):
    """The API's interactive documentation, served by the app with its own static files."""
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    errors = vnu({"docs": response.content.decode()}, tmp_path)
    assert errors["docs"] == []
