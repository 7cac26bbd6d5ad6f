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
    assert errors == {}


def test_the_matching_page_is_valid_html(showcase_proposal, focal_point, vnu, tmp_path):
    """The focal points' page in the admin, with a shortlist, a proposal and the outcome form."""
    url = f"/admin/appointments/request/{showcase_proposal.pk}/candidates/"
    response = client_for(focal_point).get(url)
    assert response.status_code == 200
    errors = vnu({url: response.content.decode()}, tmp_path)
    assert errors[url] == []
