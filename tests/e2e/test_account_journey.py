"""A visitor's way into the network: sign up, verify, sign in, protect the account, recover it."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD, UserFactory
from tests.totp import totp

pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "a-brand-new-passphrase-42"


def link_in(message):
    return re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)


def sign_in(page, live_server, email, password):
    page.goto(live_server.url + "/en/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Sign In").click()


def test_sign_up_verify_and_protect_the_account_with_totp(page, live_server, mailoutbox):
    page.goto(live_server.url + "/en/")
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Join").click()
    page.get_by_label("Email").fill("leila@example.org")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.locator("#id_privacy_consent").check()
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Verify Your Email Address")

    assert [message.to for message in mailoutbox] == [["leila@example.org"]]
    page.goto(live_server.url + link_in(mailoutbox[0]))
    page.get_by_role("button", name="Confirm").click()

    sign_in(page, live_server, "leila@example.org", NEW_PASSWORD)
    expect(page.get_by_role("link", name="My account")).to_be_visible()

    page.get_by_role("link", name="My account").click()
    page.get_by_role("link", name="Two-factor authentication").click()
    page.get_by_role("link", name="Activate").click()
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    secret = page.locator("#authenticator_secret").input_value()
    page.get_by_label("Authenticator code").fill(totp(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_text("Authenticator app activated.")).to_be_visible()

    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign Out").click()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()

    sign_in(page, live_server, "leila@example.org", NEW_PASSWORD)
    page.get_by_label("Code").fill(totp(secret, offset=1))
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("link", name="My account")).to_be_visible()


def test_forgotten_password_and_rate_limit(page, live_server, mailoutbox):
    user = UserFactory(email="zainab@example.org")

    for _ in range(5):
        sign_in(page, live_server, user.email, "not-my-password")
        # In the summary of errors at the top, and again above the form.
        expect(page.locator(".error-summary")).to_contain_text("are not correct")
    sign_in(page, live_server, user.email, PASSWORD)
    expect(page.locator(".error-summary")).to_contain_text("Too many failed login attempts")

    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Email").fill(user.email)
    page.get_by_role("button", name="Reset My Password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Password Reset")

    page.goto(live_server.url + link_in(mailoutbox[-1]))
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Change Password").click()
    expect(page.get_by_text("Your password is now changed.")).to_be_visible()


def test_german_visitor_signs_in_in_german(page, live_server):
    UserFactory(email="hanna@example.org")
    page.goto(live_server.url + "/de/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmeldung")
    page.get_by_label("E-Mail").fill("hanna@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmeldung").click()
    expect(page.get_by_role("link", name="Mein Konto")).to_be_visible()
    assert page.url.endswith("/de/me/"), "her member area, in German"
