import pytest
from axe_playwright_python.sync_playwright import Axe

from ..conftest import login_in_browser
from ..pages import page_ids, page_params, page_url

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.mark.parametrize(("name", "persona", "language"), page_params(), ids=page_ids())
def test_page_has_no_accessibility_violations(
    name, persona, language, request, page, live_server, axe
):
    if persona:
        login_in_browser(page.context, request.getfixturevalue(persona), live_server)
    response = page.goto(live_server.url + page_url(name, language))
    assert response.status == 200
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
