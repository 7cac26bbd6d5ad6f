"""A mediator joins, fills her profile and is approved; the public then finds her."""

import re
from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in_staff
from tests.factories import UserFactory
from tests.totp import activate_totp

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a-brand-new-passphrase-42"


def jpeg_bytes():
    buffer = BytesIO()
    Image.new("RGB", (500, 500), "teal").save(buffer, format="JPEG")
    return buffer.getvalue()


def sign_in(page, live_server, email, password):
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_a_mediator_joins_is_approved_and_found(page, live_server, mailoutbox, browser):
    # She signs up and verifies her address.
    page.goto(live_server.url + "/en/accounts/signup/")
    page.get_by_label("Email").fill("yasmin@example.org")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.locator("#id_privacy_consent").check()
    page.get_by_role("button", name="Sign Up").click()
    link = re.search(r"https?://[^/\s]+(/\S+)", mailoutbox[0].body).group(1)
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Confirm").click()
    sign_in(page, live_server, "yasmin@example.org", NEW_PASSWORD)

    # She starts and fills her profile, section by section.
    page.goto(live_server.url + "/en/me/")
    page.get_by_label("Display name").fill("Yasmin Farouk")
    page.get_by_label("Headline").fill("Mediation adviser on ceasefires")
    page.get_by_role("button", name="Start my profile").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your profile")

    page.get_by_role("link", name="Expertise and tracks").click()
    for area in ["Process design", "Ceasefire and security arrangements", "Power-sharing"]:
        page.get_by_label(area).check()
    page.get_by_label("Track 1", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Expertise and tracks saved.")).to_be_visible()

    page.get_by_role("link", name="Languages").click()
    page.locator("#id_languages-0-code").select_option("ar")
    page.locator("#id_languages-0-level").select_option(label="Native")
    page.locator("#id_languages-1-code").select_option("en")
    page.locator("#id_languages-1-level").select_option(label="C1 (advanced)")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Languages saved.")).to_be_visible()

    page.get_by_role("link", name="Training", exact=True).click()
    page.get_by_label("Title").fill("Advanced mediation course")
    page.get_by_label("Provider").fill("Mediation Academy")
    page.get_by_label("Year").fill("2022")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Training saved.")).to_be_visible()

    page.get_by_role("link", name="Privacy", exact=True).click()
    page.get_by_label("Public: on the public roster").check()
    page.locator("#id_photo_audience").select_option(label="Everyone")
    page.get_by_role("button", name="Save").click()

    page.get_by_role("link", name="Photo", exact=True).click()
    page.get_by_label("Photo").set_input_files(
        files=[{"name": "me.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}]
    )
    page.get_by_role("button", name="Upload photo").click()
    expect(page.get_by_text("Your photo is saved.")).to_be_visible()

    page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Staff will review your profile.")).to_be_visible()

    # Staff approve her in the back office.
    curator = UserFactory(email="curator@example.org", is_staff=True, is_superuser=True)
    secret = activate_totp(curator)
    staff = browser.new_context(locale="en-GB").new_page()
    staff.goto(live_server.url + "/admin/mediators/mediator/?status__exact=submitted")
    sign_in_staff(staff, "curator@example.org", secret)
    staff.get_by_role("row", name=re.compile("Yasmin Farouk")).get_by_role("checkbox").check()
    staff.locator("select[name=action]").select_option("approve")
    staff.get_by_role("button", name="Run").click()
    staff.get_by_label("Message to the member").fill("Welcome to the roster.")
    staff.get_by_role("button", name="Apply").click()
    expect(staff.get_by_text("1 profile updated.")).to_be_visible()
    assert "Welcome to the roster." in mailoutbox[-1].body

    # An anonymous visitor finds her by language and expertise.
    visitor = browser.new_context(locale="en-GB").new_page()
    visitor.goto(live_server.url + "/en/mediators/?language=ar&expertise=ceasefire-security")
    expect(visitor.get_by_role("heading", name="1 mediator")).to_be_visible()
    visitor.get_by_role("link", name="Yasmin Farouk").click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("Yasmin Farouk")
    expect(visitor.get_by_text("Advanced mediation course")).to_be_hidden()  # members only
    expect(visitor.get_by_role("img", name="Photo of Yasmin Farouk")).to_be_visible()

    # A German visitor sees the same in German.
    german = browser.new_context(locale="de-DE").new_page()
    german.goto(live_server.url + "/")
    main_navigation = german.get_by_role("navigation", name="Hauptnavigation")
    main_navigation.get_by_role("link", name="Verzeichnis").click()
    german.goto(german.url + "?language=ar&expertise=ceasefire-security")
    expect(german.get_by_role("heading", name="1 Mediatorin")).to_be_visible()
    german.get_by_role("link", name="Yasmin Farouk").click()
    expect(german.get_by_text("Sprachen")).to_be_visible()
    expect(german.get_by_text("Waffenstillstand und Sicherheitsvereinbarungen")).to_be_visible()
