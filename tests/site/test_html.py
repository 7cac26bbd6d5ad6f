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
