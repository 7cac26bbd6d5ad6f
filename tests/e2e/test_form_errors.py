"""A failed form, in a browser: the error summary takes the focus, so a screen reader reads it
first, and each of its links leads to the field to mend."""

import pytest

from tests.factories import MediatorFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 768)])
def test_the_contact_form_s_error_summary_takes_the_focus(page, live_server, width, height):
    page.set_viewport_size({"width": width, "height": height})
    mediator = MediatorFactory(display_name="Nadia Contact", accepts_contact=True)
    page.goto(f"{live_server.url}/en/mediators/{mediator.slug}/contact/")
    assert page.get_by_text("(required)").count() >= 3
    page.get_by_label("Email").fill("not an address")
    page.get_by_role("button", name="Send message").click()
    page.wait_for_load_state()

    assert page.title().startswith("Error:")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "error-summary", focused
    summary = page.locator(".error-summary")
    box = summary.bounding_box()
    assert box is not None and 0 <= box["y"] < height, "the summary is on the screen"
    summary.get_by_role("link", name="Email").click()
    assert page.evaluate("location.hash") == "#id_email"
    field = page.locator("#id_email").bounding_box()
    assert field is not None and 0 <= field["y"] < height, "the field is on the screen"
