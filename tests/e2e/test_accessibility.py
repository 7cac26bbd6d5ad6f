import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.conftest import login_in_browser
from tests.pages import page_ids, page_params

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.mark.parametrize(("site_page", "language"), page_params(), ids=page_ids())
def test_page_has_no_accessibility_violations(site_page, language, request, page, live_server, axe):
    if site_page.persona:
        login_in_browser(page.context, site_page.user(request), live_server)
    response = page.goto(live_server.url + site_page.url(language, request))
    assert response.status == 200
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_matching_page_has_no_accessibility_violations(
    showcase_proposal, focal_point, showcase, page, live_server, axe
):
    """The focal points' page of candidates, shortlist, proposal and outcome (the admin)."""
    login_in_browser(page.context, focal_point, live_server)
    url = f"{live_server.url}/admin/appointments/request/{showcase_proposal.pk}/candidates/"
    response = page.goto(url)
    assert response.status == 200
    assert page.get_by_role("heading", name="Proposal").count() == 1
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", ["en", "de"])
def test_the_admin_s_mediator_form_has_no_accessibility_violations(
    superuser, page, live_server, axe, language
):
    """Staff review and edit profiles here: every field, the inline rows' too, is labelled."""
    from mediators.models import MediatorLanguage, RegionalExperience, Training
    from tests.factories import MediatorFactory

    mediator = MediatorFactory(display_name="Amal Admin")
    MediatorLanguage.objects.create(mediator=mediator, code="ar", level=6)
    RegionalExperience(mediator=mediator, country="SD").save()
    Training.objects.create(mediator=mediator, title="Course", provider="P", year=2020)
    mediator.tracks.create(track="1")
    mediator.backgrounds.create(background="law")
    login_in_browser(page.context, superuser, live_server)
    page.set_extra_http_headers({"Accept-Language": language})
    response = page.goto(f"{live_server.url}/admin/mediators/mediator/{mediator.pk}/change/")
    assert response.status == 200
    assert page.get_by_role("heading", level=2).count() >= 1
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_changes_since_verification_page_has_no_accessibility_violations(
    member, superuser, page, live_server, axe
):
    """Staff compare a member's edits with what they verified, and put parts back."""
    from tests.conftest import client_for

    client_for(member).post("/en/me/edit/regions/", {"countries": ["KE", "SO"]})
    login_in_browser(page.context, superuser, live_server)
    url = f"{live_server.url}/admin/mediators/mediator/{member.mediator.pk}/changes/"
    response = page.goto(url)
    assert response.status == 200
    assert page.get_by_role("checkbox", name="Countries of experience").count() == 1
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("language", ["en", "de"])
def test_checking_a_profile_file_has_no_accessibility_violations(
    showcase, newcomer, page, live_server, axe, language, tmp_path
):
    """A newcomer uploads her file from another network and checks every part of it."""
    from tests.conftest import client_for

    path = tmp_path / "mediator-profile.json"
    path.write_bytes(client_for(showcase.user).get("/en/me/profile.json").content)
    login_in_browser(page.context, newcomer, live_server)
    page.goto(f"{live_server.url}/{language}/me/import/")
    page.locator("input[type=file]").set_input_files(path)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/me/import/review/")
    assert page.get_by_role("checkbox").count() >= 8
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
